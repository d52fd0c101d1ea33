using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>Does nothing but report its own stop, to its trace and to the witness.</summary>
internal sealed class Child : ReceiveActor
{
    private readonly TraceLog trace;
    private readonly IActorRef witness;

    public Child(TraceLog trace, IActorRef witness)
    {
        this.trace = trace;
        this.witness = witness;
        ReceiveAny(message => trace.Add(Context, $"got {message}"));
    }

    protected override void PostStop()
    {
        trace.Add(Context, "stop");
        witness.Tell($"stopped {Self.Path.Name}");
    }
}
