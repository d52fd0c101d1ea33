namespace ImpalaAkka.Config.Hocon;

/// <summary>Finds keys a layer writes that the reference does not define, with a did-you-mean among the reference's siblings.</summary>
internal static class KnownKeys
{
    public static void Require(HoconObject layer, string prefix, HoconObject reference, string[] openSections)
    {
        var problems = new List<string>();
        Walk(layer, prefix, reference, problems, openSections);
        if (problems.Count > 0)
        {
            throw new ConfigException(string.Join(Environment.NewLine, problems));
        }
    }

    private static void Walk(HoconObject obj, string path, HoconObject reference, List<string> problems, string[] open)
    {
        foreach (var (key, value) in obj.Fields)
        {
            var full = path + key;
            if (open.Contains(full, StringComparer.Ordinal))
            {
                continue;
            }
            if (!reference.TryGet(key, out var known))
            {
                var hint = reference.Keys.Where(k => Distance(k, key) <= 2).OrderBy(k => Distance(k, key)).FirstOrDefault();
                problems.Add($"{value.Position}: {full}: unknown key{(hint is null ? "" : $" (did you mean '{path}{hint}'?)")}");
                continue;
            }
            if (value is HoconObject child && known is HoconObject knownChild)
            {
                Walk(child, full + ".", knownChild, problems, open);
            }
        }
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        }
        return d[a.Length, b.Length];
    }
}
