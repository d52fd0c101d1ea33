using ImpalaAkka.Actors;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Simulation;

/// <summary>Passes role reports to the invariant checker and writes the learning-relevant ones into the trace.</summary>
internal sealed class TracingObserver(InvariantChecker checker, SimTrace trace, IClock clock) : IRunObserver
{
    public void Accepted(ProducerId producer) => checker.Accepted(producer);

    public void Dropped(ProducerId producer, string reason)
    {
        trace.Add(clock.Now, $"learner drops {producer} ({reason})");
        checker.Dropped(producer, reason);
    }

    public void Learned(long step, long versionAtUse, IReadOnlyList<Unroll> fresh)
    {
        trace.Add(clock.Now, $"learner step {step} at v{versionAtUse}: {string.Join(" ", fresh.Select(u => $"{u.Producer}@v{u.ParameterVersion}"))}");
        checker.Learned(step, versionAtUse, fresh);
    }

    public void Durable(long step) => checker.Durable(step);

    public void Restored(long step)
    {
        trace.Add(clock.Now, $"learner restored at step {step}");
        checker.Restored(step);
    }

    public void Published(long version) => checker.Published(version);

    public void Acted(string actor, long version) => checker.Acted(actor, version);
}
