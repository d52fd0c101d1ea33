using System.Globalization;

namespace ImpalaAkka.Experiments;

/// <summary>Orders grid values as a reader expects: numbers numerically (2 before 10), then <c>null</c>, then text alphabetically.</summary>
public sealed class GridValueComparer : IComparer<string>
{
    public static readonly GridValueComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var (kx, nx) = Key(x);
        var (ky, ny) = Key(y);
        if (kx != ky) return kx.CompareTo(ky);
        return kx == 0 ? nx.CompareTo(ny) : string.CompareOrdinal(x, y);
    }

    private static (int Kind, double Number) Key(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? (0, n) : value == "null" ? (1, 0) : (2, 0);
}
