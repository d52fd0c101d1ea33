namespace ImpalaAkka.Simulation.Trace;

/// <summary>A message crossed the simulated network from node <c>From</c> to role <c>Role</c> on node <c>To</c>.</summary>
public sealed record MessageDelivered(TimeSpan At, string From, string To, string Role, MessageSummary Message) : TraceEvent(At)
{
    public override string Text => $"deliver {From}->{To}/{Role} {Message.Description}";
}
