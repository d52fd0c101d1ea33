using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace ImpalaAkka.Simulation.Determinism;

using Config = Akka.Configuration.Config;

/// <summary>
/// Akka's scheduler on virtual time (<c>akka.scheduler.implementation</c>): the clock starts at zero
/// and moves only by <see cref="AdvanceTo"/>, which fires every timer that falls due on the calling
/// thread, in due order; timers due at the same instant fire in the order they were scheduled (a
/// repeating timer counts as scheduled again when it re-arms). A repeating timer re-arms from its
/// due time, never from "now", so it keeps its rate however late the clock is advanced. Every
/// overload (tell, <see cref="Action"/>, <see cref="IRunnable"/>) honours its cancelable, and
/// <see cref="MonotonicClock"/>, <see cref="HighResMonotonicClock"/> and <c>Now</c> all read the
/// virtual clock, so nothing that asks this scheduler for the time sees the wall clock.
/// </summary>
/// <remarks>
/// It deliberately does not implement <see cref="IDateTimeOffsetNowTimeProvider"/>: Akka's
/// <see cref="Cancelable.CancelAfter(TimeSpan)"/> then cancels through this scheduler instead of a
/// real <see cref="CancellationTokenSource"/> timer. Tells are delivered unwrapped (Akka's own
/// scheduler wraps them in an internal envelope that the receiving cell strips again).
/// After <see cref="Dispose"/> (Akka calls it once the system has terminated) pending timers are
/// dropped and new ones are refused with <see cref="SchedulerException"/>, as Akka's scheduler does.
/// </remarks>
public sealed class VirtualScheduler : SchedulerBase, IDisposable
{
    /// <summary>The wall-clock instant that virtual time zero stands for (<c>ITimeProvider.Now</c>).</summary>
    public static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    private readonly PriorityQueue<VirtualTimer, (TimeSpan Due, long Sequence)> timers = new();
    // Akka calls Dispose from a thread-pool continuation after termination, so guard the state
    // even though everything else runs on the driving thread.
    private readonly Lock gate = new();
    private TimeSpan now;
    private long sequence;
    private bool disposed;

    /// <summary>The constructor Akka requires of <c>akka.scheduler.implementation</c>.</summary>
    public VirtualScheduler(Config config, ILoggingAdapter log)
        : base(config, log)
    {
    }

    /// <summary>Virtual time elapsed since the system started.</summary>
    public TimeSpan Now
    {
        get
        {
            lock (gate) return now;
        }
    }

    /// <summary>When the next live (not cancelled) timer is due, or null when none is.</summary>
    public TimeSpan? NextDue
    {
        get
        {
            lock (gate)
            {
                DropCancelledHeads();
                return timers.TryPeek(out _, out var key) ? key.Due : null;
            }
        }
    }

    /// <summary>Timers neither fired (one-shots) nor cancelled.</summary>
    public int Pending
    {
        get
        {
            lock (gate) return timers.UnorderedItems.Count(item => !item.Element.IsCancelled);
        }
    }

    public override TimeSpan MonotonicClock => Now;

    public override TimeSpan HighResMonotonicClock => Now;

    protected override DateTimeOffset TimeNow => Epoch + Now;

    /// <summary>Moves the clock forward by <paramref name="by"/>, firing what falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        AdvanceTo(Now + by);
    }

    /// <summary>
    /// Moves the clock to <paramref name="target"/>, firing every timer due at or before it in
    /// (due, scheduling order) on the calling thread; while a timer fires, <see cref="Now"/> is its
    /// due time. Timers scheduled by what fires are fired too if they fall due by the target.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The target lies before <see cref="Now"/>.</exception>
    public void AdvanceTo(TimeSpan target)
    {
        while (true)
        {
            VirtualTimer timer;
            lock (gate)
            {
                if (target < now)
                {
                    throw new ArgumentOutOfRangeException(nameof(target), target, $"virtual time only moves forward (now {now})");
                }
                DropCancelledHeads();
                if (!timers.TryPeek(out timer!, out var key) || key.Due > target)
                {
                    now = target;
                    return;
                }
                timers.Dequeue();
                now = key.Due;
                if (timer.Interval is { } interval)
                {
                    // Re-arm from the due time, before firing, so the work can still cancel itself.
                    timers.Enqueue(timer, (key.Due + interval, sequence++));
                }
            }
            Fire(timer);
        }
    }

    /// <summary>Drops every pending timer and refuses new ones.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            timers.Clear();
        }
    }

    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable) =>
        Add(delay, null, () => receiver.Tell(message, sender ?? ActorRefs.NoSender), cancelable);

    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef? sender, ICancelable? cancelable) =>
        Add(initialDelay, interval, () => receiver.Tell(message, sender ?? ActorRefs.NoSender), cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable? cancelable) =>
        Add(delay, null, action, cancelable);

    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable? cancelable) =>
        Add(delay, null, action.Run, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable? cancelable) =>
        Add(initialDelay, interval, action, cancelable);

    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable? cancelable) =>
        Add(initialDelay, interval, action.Run, cancelable);

    private void Add(TimeSpan delay, TimeSpan? interval, Action fire, ICancelable? cancelable)
    {
        // SchedulerBase validates only some overloads (not the public IRunnable ones), so validate all here.
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        if (interval is { } period) ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero, nameof(interval));
        lock (gate)
        {
            if (disposed) throw new SchedulerException("cannot enqueue after timer shutdown");
            timers.Enqueue(new VirtualTimer(fire, interval, cancelable), (now + delay, sequence++));
        }
    }

    private void Fire(VirtualTimer timer)
    {
        try
        {
            timer.Fire();
        }
        catch (SchedulerException)
        {
            // The work tried to schedule after shutdown; there is nothing left to run it.
        }
        catch (Exception e)
        {
            // As Akka's own scheduler: a failing task is logged and the others still run.
            Log.Error(e, "Exception while executing timer task.");
        }
    }

    private void DropCancelledHeads()
    {
        while (timers.TryPeek(out var head, out _) && head.IsCancelled) timers.Dequeue();
    }
}
