namespace ImpalaAkka.Actors;

/// <summary>An address messages can be sent to. Sending never blocks and never throws; undeliverable messages become dead letters.</summary>
public interface IActorRef
{
    /// <summary>Slash-separated path, e.g. <c>/user/node/rollout-0</c>.</summary>
    string Path { get; }

    void Tell(object message, IActorRef? sender = null);
}
