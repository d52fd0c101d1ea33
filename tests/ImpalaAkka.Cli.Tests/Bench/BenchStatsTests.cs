using ImpalaAkka.Cli.Bench;

namespace ImpalaAkka.Cli.Tests.Bench;

public sealed class BenchStatsTests
{
    [Fact]
    public void WindowRates_CumulativeSamples_GivesEachWindowsRate()
    {
        var rates = BenchStats.WindowRates([0.0, 1.0, 2.5, 3.0], [10, 110, 260, 260]);
        Assert.Equal([100.0, 100.0, 0.0], rates);
    }

    [Fact]
    public void WindowRates_TimeNotIncreasing_Throws()
    {
        Assert.Throws<ArgumentException>(() => BenchStats.WindowRates([0.0, 1.0, 1.0], [0, 1, 2]));
    }

    [Theory]
    [InlineData(new[] { 3.0, 1.0, 2.0 }, 2.0)]
    [InlineData(new[] { 4.0, 1.0, 3.0, 2.0 }, 2.5)]
    [InlineData(new[] { 7.0 }, 7.0)]
    public void Median_OddAndEvenCounts_IsTheMiddle(double[] values, double expected)
    {
        Assert.Equal(expected, BenchStats.Median(values));
    }

    [Theory]
    [InlineData(0.5, 5.0)]
    [InlineData(0.95, 10.0)]
    [InlineData(0.1, 1.0)]
    [InlineData(1.0, 10.0)]
    public void Percentile_OneToTen_IsNearestRank(double q, double expected)
    {
        Assert.Equal(expected, BenchStats.Percentile([10.0, 9, 8, 7, 6, 5, 4, 3, 2, 1], q));
    }

    [Fact]
    public void MedianAndPercentile_Empty_AreNaN()
    {
        Assert.True(double.IsNaN(BenchStats.Median([])));
        Assert.True(double.IsNaN(BenchStats.Percentile([], 0.5)));
    }
}
