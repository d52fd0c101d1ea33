namespace ImpalaAkka.Simulation.Trace;

/// <summary>A message between nodes was lost; <c>Reason</c> is drop, partition, parameter loss, loss burst or node down.</summary>
public sealed record MessageLost(TimeSpan At, string From, string To, string Role, MessageSummary Message, string Reason) : TraceEvent(At)
{
    public override string Text => $"lost {From}->{To}/{Role} {Message.Description} ({Reason})";
}
