namespace ImpalaAkka.Actors;

/// <summary>The sender of messages sent from outside any actor; replies to it are dropped.</summary>
public sealed class Nobody : IActorRef
{
    public static readonly Nobody Instance = new();

    private Nobody()
    {
    }

    public string Path => "/nobody";

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public override string ToString() => Path;
}
