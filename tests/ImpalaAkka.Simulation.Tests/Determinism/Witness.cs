using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>Traces every text it is told: one mailbox, so its trace shows the order its senders ran in.</summary>
internal sealed class Witness : ReceiveActor
{
    public Witness(TraceLog trace) => Receive<string>(text => trace.Add(Context, $"{text} (from {Sender.Path.Name})"));
}
