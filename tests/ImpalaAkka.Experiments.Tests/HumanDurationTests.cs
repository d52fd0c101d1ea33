namespace ImpalaAkka.Experiments.Tests;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(41.4, "41 s")]
    [InlineData(59.4, "59 s")]
    [InlineData(59.5, "1 min")]
    [InlineData(89, "1 min")]
    [InlineData(90, "2 min")]
    [InlineData(720, "12 min")]
    [InlineData(3569, "59 min")]
    [InlineData(3570, "1 h 00 min")]
    [InlineData(7500, "2 h 05 min")]
    [InlineData(90000, "25 h 00 min")]
    public void Format_Seconds_ReadsAsAnEstimate(double seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));
}
