using Akka.Actor;
using Akka.Event;

namespace ImpalaAkka.Simulation.Determinism;

/// <summary>
/// The temporary sender of <see cref="DeterministicActorSystem.Ask{T}"/>: keeps the first message
/// it is sent and passes later ones to dead letters, as Akka's ask does. It has no timeout; the
/// driver decides how long to run the pump.
/// </summary>
internal sealed class ReplyReceiver(IActorRefProvider provider, ActorPath path) : MinimalActorRef
{
    public override ActorPath Path { get; } = path;

    public override IActorRefProvider Provider { get; } = provider;

    public bool HasReply { get; private set; }

    public object? Reply { get; private set; }

    protected override void TellInternal(object message, IActorRef sender)
    {
        if (HasReply)
        {
            Provider.DeadLetters.Tell(new DeadLetter(message, sender ?? ActorRefs.NoSender, this), sender ?? ActorRefs.NoSender);
            return;
        }
        Reply = message;
        HasReply = true;
    }
}
