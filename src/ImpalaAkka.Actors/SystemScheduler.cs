namespace ImpalaAkka.Actors;

/// <summary>Real-time scheduling on <see cref="Timer"/>s.</summary>
public sealed class SystemScheduler : IScheduler
{
    public IClock Clock => SystemClock.Instance;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null) =>
        new TimerCancelable(() => receiver.Tell(message, sender), Clamp(delay), Timeout.InfiniteTimeSpan);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null) =>
        interval > TimeSpan.Zero
            ? new TimerCancelable(() => receiver.Tell(message, sender), Clamp(initialDelay), interval)
            : throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be > 0");

    private static TimeSpan Clamp(TimeSpan delay) => delay < TimeSpan.Zero ? TimeSpan.Zero : delay;

    private sealed class TimerCancelable : ICancelable
    {
        private readonly Timer timer;

        public TimerCancelable(Action action, TimeSpan due, TimeSpan period) =>
            timer = new Timer(_ => action(), null, due, period);

        public void Cancel() => timer.Dispose();
    }
}
