namespace ImpalaAkka.Actors.TestKit;

/// <summary>
/// A scheduler and clock on virtual time: nothing fires until <see cref="Advance"/> moves the
/// clock past its due time. Timers due at the same instant fire in the order they were scheduled.
/// </summary>
public sealed class VirtualTimeScheduler : IScheduler, IClock
{
    private readonly PriorityQueue<Entry, (TimeSpan Due, long Sequence)> queue = new();
    private readonly object gate = new();
    private long sequence;
    private TimeSpan now;

    public IClock Clock => this;

    public TimeSpan Now
    {
        get
        {
            lock (gate) return now;
        }
    }

    /// <summary>Timers not yet fired or cancelled.</summary>
    public int Pending
    {
        get
        {
            lock (gate) return queue.UnorderedItems.Count(i => !i.Element.Cancelled);
        }
    }

    /// <summary>When the next live timer is due, or null.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            lock (gate)
            {
                DropCancelled();
                return queue.TryPeek(out _, out var priority) ? priority.Due : null;
            }
        }
    }

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null) =>
        Add(delay, null, receiver, message, sender);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null) =>
        interval > TimeSpan.Zero
            ? Add(initialDelay, interval, receiver, message, sender)
            : throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be > 0");

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing every timer due on the way, in due order.</summary>
    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "time only moves forward");
        TimeSpan target;
        lock (gate) target = now + by;
        AdvanceTo(target);
    }

    /// <summary>Moves the clock to <paramref name="target"/> (not backwards), firing due timers.</summary>
    public void AdvanceTo(TimeSpan target)
    {
        while (true)
        {
            Entry entry;
            lock (gate)
            {
                DropCancelled();
                if (!queue.TryPeek(out entry!, out var priority) || priority.Due > target)
                {
                    if (target > now) now = target;
                    return;
                }
                queue.Dequeue();
                if (priority.Due > now) now = priority.Due;
                if (entry.Interval is { } interval)
                {
                    queue.Enqueue(entry, (now + interval, sequence++));
                }
            }
            entry.Receiver.Tell(entry.Message, entry.Sender);
        }
    }

    private Entry Add(TimeSpan delay, TimeSpan? interval, IActorRef receiver, object message, IActorRef? sender)
    {
        var entry = new Entry(receiver, message, sender, interval);
        lock (gate) queue.Enqueue(entry, (now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), sequence++));
        return entry;
    }

    private void DropCancelled()
    {
        while (queue.TryPeek(out var head, out _) && head.Cancelled) queue.Dequeue();
    }

    private sealed class Entry(IActorRef receiver, object message, IActorRef? sender, TimeSpan? interval) : ICancelable
    {
        public IActorRef Receiver { get; } = receiver;
        public object Message { get; } = message;
        public IActorRef? Sender { get; } = sender;
        public TimeSpan? Interval { get; } = interval;
        public bool Cancelled { get; private set; }

        public void Cancel() => Cancelled = true;
    }
}
