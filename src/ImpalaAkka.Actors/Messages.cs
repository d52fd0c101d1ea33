namespace ImpalaAkka.Actors;

/// <summary>Stops the receiving actor once it is processed (messages before it are handled first).</summary>
public sealed record PoisonPill
{
    public static readonly PoisonPill Instance = new();
}

/// <summary>Delivered to watchers when a watched actor has stopped.</summary>
public sealed record Terminated(IActorRef Actor);

/// <summary>A message that reached no live actor.</summary>
public sealed record DeadLetter(object Message, IActorRef Sender, IActorRef Recipient);

/// <summary>A failure or notable event reported by the runtime, for logs and counters.</summary>
public sealed record ActorEvent(ActorEventLevel Level, string Source, string Text, Exception? Exception = null);

public enum ActorEventLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
