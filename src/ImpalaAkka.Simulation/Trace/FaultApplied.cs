namespace ImpalaAkka.Simulation.Trace;

/// <summary>A scheduled fault took effect.</summary>
public sealed record FaultApplied(TimeSpan At, FaultEvent Fault) : TraceEvent(At)
{
    public override string Text => $"fault {Fault}";
}
