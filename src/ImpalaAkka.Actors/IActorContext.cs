namespace ImpalaAkka.Actors;

/// <summary>What an actor may do while it handles a message; valid only on the actor's own turn.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being handled (<see cref="Nobody"/> when sent from outside).</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    IScheduler Scheduler { get; }

    IActorRef ActorOf(Props props, string name);

    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>Stops <paramref name="actor"/> (itself or a child) after its current message.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="actor"/> stops (at once if it already has).</summary>
    void Watch(IActorRef actor);

    void Unwatch(IActorRef actor);
}
