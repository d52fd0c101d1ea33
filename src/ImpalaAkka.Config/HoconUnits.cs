using System.Globalization;

namespace ImpalaAkka.Config;

/// <summary>HOCON duration and size syntax: a number followed by an optional unit (<c>500ms</c>, <c>2 minutes</c>, <c>64MiB</c>).</summary>
internal static class HoconUnits
{
    private static readonly (string[] Names, double Milliseconds)[] DurationUnits =
    [
        (["ns", "nano", "nanos", "nanosecond", "nanoseconds"], 1e-6),
        (["us", "micro", "micros", "microsecond", "microseconds"], 1e-3),
        (["", "ms", "milli", "millis", "millisecond", "milliseconds"], 1),
        (["s", "second", "seconds"], 1000),
        (["m", "minute", "minutes"], 60_000),
        (["h", "hour", "hours"], 3_600_000),
        (["d", "day", "days"], 86_400_000),
    ];

    private static readonly (string[] Names, double Bytes)[] SizeUnits =
    [
        (["", "B", "b", "byte", "bytes"], 1),
        (["kB", "kilobyte", "kilobytes"], 1e3),
        (["MB", "megabyte", "megabytes"], 1e6),
        (["GB", "gigabyte", "gigabytes"], 1e9),
        (["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"], 1024),
        (["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"], 1024.0 * 1024),
        (["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"], 1024.0 * 1024 * 1024),
        (["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"], 1024.0 * 1024 * 1024 * 1024),
    ];

    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        value = default;
        if (!TrySplit(text, out var number, out var unit)) return false;
        foreach (var (names, ms) in DurationUnits)
        {
            if (names.Contains(unit, StringComparer.Ordinal))
            {
                value = TimeSpan.FromMilliseconds(number * ms);
                return number >= 0;
            }
        }
        return false;
    }

    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        if (!TrySplit(text, out var number, out var unit)) return false;
        foreach (var (names, scale) in SizeUnits)
        {
            if (names.Contains(unit, StringComparer.Ordinal))
            {
                var total = number * scale;
                if (total is < 0 or > long.MaxValue || total != Math.Floor(total)) return false;
                bytes = (long)total;
                return true;
            }
        }
        return false;
    }

    private static bool TrySplit(string text, out double number, out string unit)
    {
        var trimmed = text.Trim();
        var split = 0;
        while (split < trimmed.Length && (char.IsDigit(trimmed[split]) || trimmed[split] is '.' or '-' or '+' or 'e' or 'E'))
        {
            // 'e' belongs to the number only when followed by a digit or sign (1e3), not in "10 eons".
            if (trimmed[split] is 'e' or 'E' && !(split + 1 < trimmed.Length && (char.IsDigit(trimmed[split + 1]) || trimmed[split + 1] is '-' or '+'))) break;
            split++;
        }
        unit = trimmed[split..].Trim();
        return double.TryParse(trimmed.AsSpan(0, split), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }
}
