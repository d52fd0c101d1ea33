using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>
/// Starts a keyed periodic timer in <see cref="PreStart"/> (so again after each restart) and
/// records the virtual time of every tick; any string it is sent makes it fail with that text.
/// </summary>
internal sealed class Metronome : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly List<string> restarts;

    public Metronome(List<TimeSpan> ticks, List<string> restarts)
    {
        this.restarts = restarts;
        Receive<Tick>(_ => ticks.Add(Context.System.Scheduler.MonotonicClock));
        Receive<string>(reason => throw new InvalidOperationException(reason));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer("tick", new Tick(), Interval);

    protected override void PostRestart(Exception reason)
    {
        restarts.Add(reason.Message);
        base.PostRestart(reason);
    }
}
