namespace ImpalaAkka.Actors;

/// <summary>How to create an actor: a factory (called again on every restart) and its mailbox.</summary>
public sealed record Props(Func<ActorBase> Factory)
{
    /// <summary>Mailbox capacity; null is unbounded. When full, new messages become dead letters.</summary>
    public int? MailboxCapacity { get; init; }

    public static Props Create(Func<ActorBase> factory) => new(factory);

    public Props WithBoundedMailbox(int capacity) =>
        capacity > 0 ? this with { MailboxCapacity = capacity } : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be > 0");
}
