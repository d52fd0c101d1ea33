using System.Collections.Concurrent;

namespace ImpalaAkka.Actors;

/// <summary>
/// Real-time scheduling on <see cref="Timer"/>s. The scheduler holds every live timer until it has
/// fired (one-shot) or is cancelled: a timer that nothing references is garbage collected and
/// silently stops, and callers routinely drop the <see cref="ICancelable"/> of a repeating tick.
/// </summary>
public sealed class SystemScheduler : IScheduler
{
    private readonly ConcurrentDictionary<TimerCancelable, byte> live = new();

    public IClock Clock => SystemClock.Instance;

    /// <summary>Timers waiting to fire (one-shot) or repeating, not yet cancelled.</summary>
    public int LiveTimers => live.Count;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null) =>
        new TimerCancelable(this, () => receiver.Tell(message, sender), Clamp(delay), Timeout.InfiniteTimeSpan);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null) =>
        interval > TimeSpan.Zero
            ? new TimerCancelable(this, () => receiver.Tell(message, sender), Clamp(initialDelay), interval)
            : throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be > 0");

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

    private sealed class TimerCancelable : ICancelable
    {
        private readonly SystemScheduler owner;
        private readonly Timer timer;
        private readonly bool once;

        public TimerCancelable(SystemScheduler owner, Action action, TimeSpan due, TimeSpan period)
        {
            this.owner = owner;
            once = period == Timeout.InfiniteTimeSpan;
            owner.live[this] = 0;
            timer = new Timer(_ =>
            {
                if (once) Cancel();
                action();
            }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            timer.Change(due, period); // started only once registered, so a zero delay cannot fire first
        }

        public void Cancel()
        {
            if (owner.live.TryRemove(this, out _)) timer.Dispose();
        }
    }
}
