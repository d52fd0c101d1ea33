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
                var hint = NameSuggestion.Closest(key, reference.Keys);
                problems.Add($"{value.Position}: {full}: unknown key{(hint is null ? "" : $" (did you mean '{path}{hint}'?)")}");
                continue;
            }
            if (value is HoconSubstitution or HoconConcatenation)
            {
                continue;
            }
            if (value is HoconObject child && known is HoconObject knownChild)
            {
                Walk(child, full + ".", knownChild, problems, open);
            }
            else if (known is HoconObject section)
            {
                // Merging would replace the whole section, and the first key read would be reported missing.
                problems.Add($"{value.Position}: {full}: must be a section (an object with keys {string.Join(", ", section.Keys.Take(3))}, ...), not {value.Kind}; set one of its keys instead, e.g. {full}.{section.Keys.First()}");
            }
            else if (value is HoconObject)
            {
                problems.Add($"{value.Position}: {full}: must be {(known is HoconArray ? "a list" : "a value")}, not a section (an object)");
            }
        }
    }
}
