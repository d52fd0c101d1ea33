using ImpalaAkka.Cli.EnvStats;

namespace ImpalaAkka.Cli.Tests.EnvStats;

public sealed class RunningStatisticsTests
{
    /// <summary>The textbook two-pass formulas, written out: the reference the one-pass update must match.</summary>
    private static SampleSummary Naive(double[] x)
    {
        var n = x.Length;
        var mean = x.Sum() / n;
        var std = n > 1 ? Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1)) : 0;
        var sem = std / Math.Sqrt(n);
        return new SampleSummary(n, mean, std, sem, mean - 1.96 * sem, mean + 1.96 * sem, x.Min(), x.Max());
    }

    private static SampleSummary Summarise(IEnumerable<double> values)
    {
        var s = new RunningStatistics();
        foreach (var v in values) s.Add(v);
        return s.Summary();
    }

    [Fact]
    public void Summary_OneToFour_GivesHandWorkedFigures()
    {
        var s = Summarise([1, 2, 3, 4]);
        Assert.Equal(4, s.N);
        Assert.Equal(2.5, s.Mean);
        Assert.Equal(Math.Sqrt(5.0 / 3), s.Std, 15);
        Assert.Equal(Math.Sqrt(5.0 / 3) / 2, s.Sem, 15);
        Assert.Equal(2.5 - 1.96 * Math.Sqrt(5.0 / 3) / 2, s.Ci95Low, 15);
        Assert.Equal(2.5 + 1.96 * Math.Sqrt(5.0 / 3) / 2, s.Ci95High, 15);
        Assert.Equal(1, s.Min);
        Assert.Equal(4, s.Max);
    }

    [Fact]
    public void Summary_SingleValue_HasZeroSpread()
    {
        Assert.Equal(new SampleSummary(1, 7, 0, 0, 7, 7, 7, 7), Summarise([7]));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 100)]
    [InlineData(3, 10_000)]
    public void Summary_RandomSample_MatchesTwoPassReference(int seed, int count)
    {
        var random = new Random(seed);
        // A large offset is where a running sum of squares would lose digits.
        var values = Enumerable.Range(0, count).Select(_ => 1e6 + random.Next(0, 50) * 0.5).ToArray();
        var expected = Naive(values);
        var actual = Summarise(values);
        Assert.Equal(expected.N, actual.N);
        // Values near 1e6: the mean and interval ends agree to 12 significant digits, the spread to 1e-9.
        Assert.Equal(expected.Mean, actual.Mean, 1e-6);
        Assert.Equal(expected.Std, actual.Std, 1e-9);
        Assert.Equal(expected.Sem, actual.Sem, 1e-9);
        Assert.Equal(expected.Ci95Low, actual.Ci95Low, 1e-6);
        Assert.Equal(expected.Ci95High, actual.Ci95High, 1e-6);
        Assert.Equal(expected.Min, actual.Min);
        Assert.Equal(expected.Max, actual.Max);
    }

    [Fact]
    public void Summary_NoValues_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new RunningStatistics().Summary());
        Assert.Equal("no values to summarise", e.Message);
    }
}
