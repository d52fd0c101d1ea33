using Akka.Actor;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Simulation.Trace;

namespace ImpalaAkka.Simulation;

/// <summary>Passes role reports to the invariant checker and writes the learning-relevant ones into the trace.</summary>
internal sealed class TracingObserver(InvariantChecker checker, SimTrace trace, IScheduler clock) : IRunObserver
{
    public void Accepted(ProducerId producer) => checker.Accepted(producer);

    public void Dropped(ProducerId producer, string reason)
    {
        trace.Add(new LearnerDropped(clock.MonotonicClock, producer, reason));
        checker.Dropped(producer, reason);
    }

    public void Learned(long step, long versionAtUse, IReadOnlyList<Unroll> fresh)
    {
        trace.Add(new LearnerStepped(clock.MonotonicClock, step, versionAtUse, [.. fresh.Select(u => (u.Producer, u.ParameterVersion))]));
        checker.Learned(step, versionAtUse, fresh);
    }

    public void Durable(long step) => checker.Durable(step);

    public void Started(long step, bool restored)
    {
        if (restored) trace.Add(new LearnerRestored(clock.MonotonicClock, step));
        checker.Started(step, restored);
    }

    public void Published(long version) => checker.Published(version);

    public void Acted(string actor, long version) => checker.Acted(actor, version);
}
