namespace ImpalaAkka.Cli.Bench;

/// <summary>The statistics the benches report: per-window rates, medians and nearest-rank percentiles.</summary>
internal static class BenchStats
{
    /// <summary>
    /// The rate in each window between consecutive samples of a cumulative count taken at
    /// <paramref name="seconds"/> (increasing): (count[i+1] - count[i]) / (seconds[i+1] - seconds[i]).
    /// </summary>
    public static double[] WindowRates(IReadOnlyList<double> seconds, IReadOnlyList<long> counts)
    {
        if (seconds.Count != counts.Count) throw new ArgumentException($"{seconds.Count} times and {counts.Count} counts");
        var rates = new double[Math.Max(0, seconds.Count - 1)];
        for (var i = 0; i < rates.Length; i++)
        {
            var dt = seconds[i + 1] - seconds[i];
            if (!(dt > 0)) throw new ArgumentException($"sample {i + 1} at {seconds[i + 1]} s is not after sample {i} at {seconds[i]} s");
            rates[i] = (counts[i + 1] - counts[i]) / dt;
        }
        return rates;
    }

    /// <summary>The median (the mean of the middle two for an even count); NaN when empty.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The nearest-rank <paramref name="q"/>-quantile (0 &lt; q &lt;= 1): the smallest value with at least q of the values at or below it; NaN when empty.</summary>
    public static double Percentile(IEnumerable<double> values, double q)
    {
        if (!(q > 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "must be in (0, 1]");
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
