using Akka.Actor;

namespace ImpalaAkka.Simulation.Determinism;

/// <summary>One registration of a <see cref="VirtualScheduler"/>: what to run, whether it repeats, and how it is cancelled.</summary>
internal sealed class VirtualTimer(Action fire, TimeSpan? interval, ICancelable? cancelable)
{
    /// <summary>Runs the work on the calling thread (a tell only enqueues mail).</summary>
    public Action Fire { get; } = fire;

    /// <summary>The period of a repeating timer; null for a one-shot.</summary>
    public TimeSpan? Interval { get; } = interval;

    /// <summary>True once the caller's cancelable was cancelled; the timer never fires again.</summary>
    public bool IsCancelled => cancelable?.IsCancellationRequested == true;
}
