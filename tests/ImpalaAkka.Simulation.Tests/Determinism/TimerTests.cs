using Akka.Actor;
using ImpalaAkka.Simulation.Determinism;

namespace ImpalaAkka.Simulation.Tests.Determinism;

public sealed class TimerTests : IDisposable
{
    private readonly DeterministicActorSystem system = DeterministicActorSystem.Create("timers", seed: 1);

    public void Dispose() => system.Dispose();

    [Fact]
    public void PeriodicTimer_OverTenIntervalsBeforeAndAfterThreeRestarts_FiresExactlyTenTimesEach()
    {
        var ticks = new List<TimeSpan>();
        var restarts = new List<string>();
        var metronome = system.System.ActorOf(Props.Create(() => new Metronome(ticks, restarts)), "metronome");

        system.RunFor(10 * Metronome.Interval);
        foreach (var reason in new[] { "first", "second", "third" }) metronome.Tell(reason);
        system.RunUntilIdle();
        system.RunFor(10 * Metronome.Interval);

        // Restarted at 100 ms, the timer re-arms from there; the old instances' timers were cancelled
        // (one live timer left), not merely ignored by the new instance.
        TimeSpan[] expected = [.. Enumerable.Range(1, 20).Select(i => i * Metronome.Interval)];
        Assert.Equal(expected, ticks);
        Assert.Equal(["first", "second", "third"], restarts);
        Assert.Equal(1, system.Scheduler.Pending);
    }

    [Fact]
    public void ScheduleTellOnce_CancelledBeforeDue_NeverDelivered()
    {
        var trace = new TraceLog();
        var witness = system.System.ActorOf(Props.Create(() => new Witness(trace)), "witness");
        var scheduler = system.System.Scheduler;

        var cancelled = scheduler.ScheduleTellOnceCancelable(TimeSpan.FromMilliseconds(5), witness, "cancelled", ActorRefs.NoSender);
        scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(10), witness, "kept", ActorRefs.NoSender);
        var precancelled = new Cancelable(scheduler);
        precancelled.Cancel();
        scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(1), witness, "pre-cancelled", ActorRefs.NoSender, precancelled);
        cancelled.Cancel();
        system.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal(["   10.0 /user/witness kept (from deadLetters)"], trace.Lines);
    }

    [Fact]
    public void ScheduleRepeatedly_ActionAndRunnable_RunOnTheDriverThreadAtVirtualTimes()
    {
        var runs = new List<string>();
        var thread = Environment.CurrentManagedThreadId;
        var advanced = system.System.Scheduler.Advanced;
        var cancelable = new Cancelable(system.System.Scheduler);
        advanced.ScheduleRepeatedly(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), () => runs.Add($"action@{system.Now.TotalMilliseconds} same-thread={Environment.CurrentManagedThreadId == thread}"), cancelable);
        advanced.ScheduleOnce(TimeSpan.FromMilliseconds(15), new Runnable(() => runs.Add($"runnable@{system.Now.TotalMilliseconds}")));

        system.RunFor(TimeSpan.FromMilliseconds(20));
        cancelable.Cancel();
        system.RunFor(TimeSpan.FromMilliseconds(50));

        Assert.Equal(["action@10 same-thread=True", "runnable@15", "action@20 same-thread=True"], runs);
    }
}
