namespace ImpalaAkka.Experiments.Tests;

public sealed class StatisticsTests
{
    [Fact]
    public void MeanCi95_FiveValues_MatchesHandComputed()
    {
        // mean 3; sample sd sqrt(2.5); standard error sqrt(2.5/5) = 0.70711; t(0.975, 4) = 2.776 -> 1.96293
        var (mean, half) = Statistics.MeanCi95([1, 2, 3, 4, 5]);
        Assert.Equal(3, mean, 12);
        Assert.Equal(2.776 * Math.Sqrt(0.5), half, 10);
        Assert.Equal(1.96293, half, 5);
    }

    [Fact]
    public void MeanCi95_TwoValues_UsesT1()
    {
        // mean 11; sd sqrt(2); se 1; t(0.975, 1) = 12.706
        var (mean, half) = Statistics.MeanCi95([10, 12]);
        Assert.Equal(11, mean, 12);
        Assert.Equal(12.706, half, 10);
    }

    [Fact]
    public void MeanCi95_OneOrNoValue()
    {
        var (mean, half) = Statistics.MeanCi95([7]);
        Assert.Equal(7, mean);
        Assert.True(double.IsNaN(half));
        Assert.True(double.IsNaN(Statistics.MeanCi95([]).Mean));
    }

    [Theory]
    [InlineData(5, 2.571)]
    [InlineData(30, 2.042)]
    [InlineData(100, 1.96)]
    public void TQuantile_Table(int df, double t) => Assert.Equal(t, Statistics.TQuantile975(df));

    [Fact]
    public void NormalisedArea_IsAverageHeight()
    {
        Assert.Equal(5, Statistics.NormalisedArea([(0, 0), (10, 10)]), 12);
        // a step 0 -> 1 halfway: area 0 * 5 + (0 + 1) / 2 * 1 + 1 * 4 = 4.5 over 10
        Assert.Equal(0.45, Statistics.NormalisedArea([(0, 0), (5, 0), (6, 1), (10, 1)]), 12);
    }

    [Fact]
    public void Interpolate_IsLinear_AndNaNOutside()
    {
        (double, double)[] curve = [(0, 0), (10, 20)];
        Assert.Equal(5, Statistics.Interpolate(curve, 2.5), 12);
        Assert.True(double.IsNaN(Statistics.Interpolate(curve, 11)));
    }
}

public sealed class GridValueComparerTests
{
    [Fact]
    public void Orders_NumbersNumerically_ThenNull_ThenText()
    {
        string[] values = ["32", "vtrace", "2", "null", "0.5", "10", "epsilon"];
        Assert.Equal(["0.5", "2", "10", "32", "null", "epsilon", "vtrace"], values.Order(GridValueComparer.Instance));
    }
}
