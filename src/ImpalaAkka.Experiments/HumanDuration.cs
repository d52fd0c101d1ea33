using System.Globalization;

namespace ImpalaAkka.Experiments;

/// <summary>A duration as a person reads an estimate: "41 s", "12 min", "2 h 05 min".</summary>
public static class HumanDuration
{
    public static string Format(TimeSpan duration)
    {
        if (duration.TotalSeconds < 59.5) return string.Create(CultureInfo.InvariantCulture, $"{Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero):F0} s");
        var minutes = (long)Math.Round(duration.TotalMinutes, MidpointRounding.AwayFromZero);
        return minutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00} min");
    }
}
