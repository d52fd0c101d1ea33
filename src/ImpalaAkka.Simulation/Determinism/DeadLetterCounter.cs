using Akka.Actor;
using Akka.Event;

namespace ImpalaAkka.Simulation.Determinism;

/// <summary>
/// Counts <see cref="DeadLetter"/> events. A minimal ref, not an actor, so the event stream calls it
/// synchronously where the dead letter arises and the count is exact after each step of the pump
/// (Akka's DeadLetterListener is off: it logs on a wall-clock schedule).
/// </summary>
internal sealed class DeadLetterCounter(IActorRefProvider provider, ActorPath path) : MinimalActorRef
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public override ActorPath Path { get; } = path;

    public override IActorRefProvider Provider { get; } = provider;

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (message is DeadLetter) Interlocked.Increment(ref count);
    }
}
