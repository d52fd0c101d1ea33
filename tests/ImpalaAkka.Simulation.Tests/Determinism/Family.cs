using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>
/// A parent of ten children. Stopping it stops them in the order Akka enumerates its children (a
/// string-keyed immutable dictionary: hash order, which differs per process); each child tells the
/// witness when it stops.
/// </summary>
internal sealed class Family : ReceiveActor
{
    public const int Children = 10;

    private readonly TraceLog trace;
    private readonly IActorRef witness;

    public Family(TraceLog trace, IActorRef witness)
    {
        this.trace = trace;
        this.witness = witness;
    }

    protected override void PreStart()
    {
        for (var i = 0; i < Children; i++)
        {
            // Not watched: the parent would unwatch its children in watch order before stopping
            // them in hash order, and that first, stable enqueue would hide the hash order.
            Context.ActorOf(Props.Create(() => new Child(trace, witness)), $"child-{i}");
        }
    }

    protected override void PostStop()
    {
        trace.Add(Context, "stop");
        witness.Tell("parent stopped");
    }
}
