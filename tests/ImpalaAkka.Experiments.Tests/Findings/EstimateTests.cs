using ImpalaAkka.Experiments.Findings;

namespace ImpalaAkka.Experiments.Tests.Findings;

public sealed class EstimateTests
{
    [Theory]
    [InlineData(10, 1, 5, 1, "Higher")]   // [9, 11] above [4, 6]
    [InlineData(5, 1, 10, 1, "Lower")]
    [InlineData(10, 3, 5, 3, "Tied")]     // [7, 13] overlaps [2, 8]
    [InlineData(10, 2.5, 5, 2.5, "Tied")] // [7.5, 12.5] touches [2.5, 7.5]
    [InlineData(10, 0, 10, 0, "Tied")]    // two identical points
    [InlineData(500, 0, 496, 3.3, "Higher")]
    public void Against_TwoIntervals_HigherOrLowerOnlyWhenDisjoint(double mean, double ci, double otherMean, double otherCi, string expected)
    {
        Assert.Equal(expected, new Estimate(mean, ci).Against(new Estimate(otherMean, otherCi)).ToString());
    }

    [Theory]
    [InlineData(10, double.NaN, 0, 1)]          // one seed: no CI
    [InlineData(10, 1, 0, double.NaN)]
    [InlineData(double.NaN, double.NaN, 0, 1)]  // no value at all
    public void Against_EitherWithoutInterval_IsUnknown(double mean, double ci, double otherMean, double otherCi)
    {
        Assert.Equal(Verdict.Unknown, new Estimate(mean, ci).Against(new Estimate(otherMean, otherCi)));
        Assert.Equal(Verdict.Unknown, new Estimate(otherMean, otherCi).Against(new Estimate(mean, ci)));
    }
}
