namespace ImpalaAkka.Cli.EnvStats;

/// <summary>
/// Accumulates a sample one value at a time in O(1) memory (Welford's update, so 10^7 episodes lose no
/// precision to a running sum of squares) and summarises it as a <see cref="SampleSummary"/>.
/// </summary>
internal sealed class RunningStatistics
{
    private long n;
    private double mean;
    private double m2;
    private double min = double.PositiveInfinity;
    private double max = double.NegativeInfinity;

    public long Count => n;

    public void Add(double x)
    {
        n++;
        var delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
        min = Math.Min(min, x);
        max = Math.Max(max, x);
    }

    /// <summary>The summary of the values added so far; at least one must have been.</summary>
    public SampleSummary Summary()
    {
        if (n == 0) throw new InvalidOperationException("no values to summarise");
        var std = n > 1 ? Math.Sqrt(m2 / (n - 1)) : 0;
        var sem = std / Math.Sqrt(n);
        return new SampleSummary(n, mean, std, sem, mean - SampleSummary.Z95 * sem, mean + SampleSummary.Z95 * sem, min, max);
    }
}
