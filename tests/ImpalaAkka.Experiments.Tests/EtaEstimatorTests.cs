namespace ImpalaAkka.Experiments.Tests;

public sealed class EtaEstimatorTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Remaining_BeforeAnyCellFinished_IsNull()
    {
        var clock = new ManualClock();
        var eta = new EtaEstimator(clock, parallel: 2);
        eta.Started("a");
        clock.Advance(S(100));
        Assert.Null(eta.Remaining(left: 5));
    }

    [Fact]
    public void Finished_MeasuresOnTheInjectedClock_AndRemainingIsMeanTimesLeftOverParallel()
    {
        var clock = new ManualClock();
        var eta = new EtaEstimator(clock, parallel: 2);
        eta.Started("a");
        eta.Started("b");
        clock.Advance(S(10));
        Assert.Equal(S(10), eta.Finished("a"));
        Assert.Equal(S(15), eta.Remaining(left: 3)); // 10 s x 3 cells / 2 slots
        eta.Started("c");
        clock.Advance(S(20));
        Assert.Equal(S(30), eta.Finished("b"));
        Assert.Equal(S(20), eta.Remaining(left: 2)); // mean 20 s x 2 / 2
        clock.Advance(S(25));
        Assert.Equal(S(45), eta.Finished("c"));
        Assert.Equal(TimeSpan.Zero, eta.Remaining(left: 0));
    }

    [Theory]
    [InlineData(4, 8, 20.0)] // full slots: 10 s x 8 / 4
    [InlineData(4, 3, 10.0)] // the tail: 3 cells on 3 of 4 slots take one mean duration
    [InlineData(4, 1, 10.0)]
    [InlineData(1, 3, 30.0)]
    public void Remaining_SpreadsTheCellsLeftOverTheSlotsTheyCanFill(int parallel, int left, double expectedSeconds)
    {
        var clock = new ManualClock();
        var eta = new EtaEstimator(clock, parallel);
        eta.Started("a");
        clock.Advance(S(10));
        eta.Finished("a");
        Assert.Equal(S(expectedSeconds), eta.Remaining(left));
    }

    [Fact]
    public void Finished_ACellThatNeverStarted_Throws()
    {
        var eta = new EtaEstimator(new ManualClock(), parallel: 1);
        var e = Assert.Throws<InvalidOperationException>(() => eta.Finished("a"));
        Assert.Equal("a finished but never started", e.Message);
    }
}
