namespace ImpalaAkka.Config;

/// <summary>The did-you-mean behind unknown keys and names: the closest known name within a small edit distance.</summary>
public static class NameSuggestion
{
    /// <summary>The known name at the smallest Levenshtein distance from <paramref name="name"/>, if that distance is at most <paramref name="maxDistance"/>; the first such in <paramref name="known"/>'s order on ties; null when none is that close.</summary>
    public static string? Closest(string name, IEnumerable<string> known, int maxDistance = 2) =>
        known.Select(k => (Name: k, Distance: Distance(k, name))).Where(k => k.Distance <= maxDistance).OrderBy(k => k.Distance).Select(k => k.Name).FirstOrDefault();

    /// <summary>The Levenshtein distance: single-character insertions, deletions and substitutions turning <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
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
