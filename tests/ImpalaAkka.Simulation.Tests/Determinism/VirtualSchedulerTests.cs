using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using ImpalaAkka.Simulation.Determinism;

namespace ImpalaAkka.Simulation.Tests.Determinism;

public sealed class VirtualSchedulerTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    private readonly VirtualScheduler scheduler = new(ConfigurationFactory.Empty, NoLogger.Instance);
    private readonly List<string> fired = [];

    private IAdvancedScheduler Actions => ((IScheduler)scheduler).Advanced;

    private Cancelable NewCancelable() => new((IScheduler)scheduler);

    [Fact]
    public void AdvanceTo_TimersDueAtTheSameInstant_FireInSchedulingOrder()
    {
        Actions.ScheduleOnce(10 * Ms, () => fired.Add("a"));
        Actions.ScheduleOnce(5 * Ms, () => fired.Add("early"));
        Actions.ScheduleOnce(10 * Ms, () => fired.Add("b"));
        Actions.ScheduleOnce(10 * Ms, new Runnable(() => fired.Add("c")));

        scheduler.AdvanceTo(10 * Ms);

        Assert.Equal(["early", "a", "b", "c"], fired);
        Assert.Equal(10 * Ms, scheduler.Now);
    }

    [Fact]
    public void ScheduleRepeatedly_AdvancedManyIntervalsAtOnce_FiresOncePerIntervalAtItsDueTime()
    {
        Actions.ScheduleRepeatedly(3 * Ms, 10 * Ms, () => fired.Add($"{scheduler.Now.TotalMilliseconds}"));

        scheduler.AdvanceTo(95 * Ms);

        Assert.Equal(["3", "13", "23", "33", "43", "53", "63", "73", "83", "93"], fired);
        Assert.Equal(103 * Ms, scheduler.NextDue);
    }

    [Fact]
    public void ScheduleRepeatedly_AdvancedLate_KeepsItsRateFromTheDueTime()
    {
        Actions.ScheduleRepeatedly(10 * Ms, 10 * Ms, () => fired.Add($"{scheduler.Now.TotalMilliseconds}"));

        scheduler.AdvanceTo(7 * Ms);
        scheduler.AdvanceTo(25 * Ms);
        scheduler.AdvanceTo(30 * Ms);

        Assert.Equal(["10", "20", "30"], fired);
    }

    [Fact]
    public void ScheduleOnce_CancelledBeforeDue_NeverFires()
    {
        var cancelable = NewCancelable();
        Actions.ScheduleOnce(10 * Ms, () => fired.Add("cancelled"), cancelable);
        Actions.ScheduleOnce(20 * Ms, () => fired.Add("kept"));
        cancelable.Cancel();

        Assert.Equal(20 * Ms, scheduler.NextDue);
        scheduler.AdvanceTo(TimeSpan.FromSeconds(1));

        Assert.Equal(["kept"], fired);
        Assert.Equal(0, scheduler.Pending);
    }

    [Fact]
    public void ScheduleRepeatedly_CancelledByItsOwnWork_StopsFiring()
    {
        var cancelable = NewCancelable();
        Actions.ScheduleRepeatedly(Ms, Ms, () =>
        {
            fired.Add("tick");
            if (fired.Count == 3) cancelable.Cancel();
        }, cancelable);

        scheduler.AdvanceTo(100 * Ms);

        Assert.Equal(3, fired.Count);
        Assert.Null(scheduler.NextDue);
    }

    [Fact]
    public void RunnableOverloads_OnceAndRepeatedly_RunOnVirtualTimeAndHonourCancel()
    {
        var cancelable = NewCancelable();
        Actions.ScheduleOnce(5 * Ms, new Runnable(() => fired.Add($"once@{scheduler.Now.TotalMilliseconds}")));
        Actions.ScheduleRepeatedly(10 * Ms, 10 * Ms, new Runnable(() => fired.Add($"repeat@{scheduler.Now.TotalMilliseconds}")), cancelable);
        var cancelledOnce = NewCancelable();
        Actions.ScheduleOnce(15 * Ms, new Runnable(() => fired.Add("never")), cancelledOnce);
        cancelledOnce.Cancel();

        scheduler.AdvanceTo(20 * Ms);
        cancelable.Cancel();
        scheduler.AdvanceTo(50 * Ms);

        Assert.Equal(["once@5", "repeat@10", "repeat@20"], fired);
    }

    [Fact]
    public void CancelableCancelAfter_OnVirtualScheduler_CancelsAtTheVirtualInstant()
    {
        var cancelable = NewCancelable();
        cancelable.CancelAfter(15 * Ms);
        Actions.ScheduleRepeatedly(10 * Ms, 10 * Ms, () => fired.Add($"{scheduler.Now.TotalMilliseconds}"), cancelable);

        scheduler.AdvanceTo(14 * Ms);
        Assert.False(cancelable.IsCancellationRequested);
        scheduler.AdvanceTo(100 * Ms);

        Assert.True(cancelable.IsCancellationRequested);
        Assert.Equal(["10"], fired);
    }

    [Fact]
    public void Clocks_AfterAdvance_ReadVirtualTime()
    {
        scheduler.AdvanceTo(TimeSpan.FromSeconds(90));

        ITimeProvider clock = scheduler;
        Assert.Equal(TimeSpan.FromSeconds(90), clock.MonotonicClock);
        Assert.Equal(TimeSpan.FromSeconds(90), clock.HighResMonotonicClock);
        Assert.Equal(VirtualScheduler.Epoch + TimeSpan.FromSeconds(90), clock.Now);
    }

    [Fact]
    public void AdvanceTo_BeforeNow_Throws()
    {
        scheduler.AdvanceTo(10 * Ms);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.AdvanceTo(9 * Ms));
        Assert.Contains("only moves forward", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Schedule_IntervalNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Actions.ScheduleRepeatedly(Ms, TimeSpan.Zero, new Runnable(() => { })));
        Assert.Throws<ArgumentOutOfRangeException>(() => Actions.ScheduleOnce(-Ms, new Runnable(() => { })));
    }

    [Fact]
    public void TimerTask_Throws_IsLoggedAndOthersStillFire()
    {
        Actions.ScheduleOnce(Ms, () => throw new InvalidOperationException("boom"));
        Actions.ScheduleOnce(Ms, () => fired.Add("after"));

        scheduler.AdvanceTo(Ms);

        Assert.Equal(["after"], fired);
    }

    [Fact]
    public void Schedule_AfterDispose_ThrowsSchedulerExceptionAndDropsPending()
    {
        Actions.ScheduleOnce(Ms, () => fired.Add("dropped"));
        scheduler.Dispose();

        Assert.Throws<SchedulerException>(() => Actions.ScheduleOnce(Ms, () => { }));
        scheduler.AdvanceTo(10 * Ms);
        Assert.Empty(fired);
    }
}
