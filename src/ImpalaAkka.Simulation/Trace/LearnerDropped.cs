using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Simulation.Trace;

/// <summary>The learner dropped an unroll (duplicate, malformed, stale).</summary>
public sealed record LearnerDropped(TimeSpan At, ProducerId Producer, string Reason) : TraceEvent(At)
{
    public override string Text => $"learner drops {Producer} ({Reason})";
}
