namespace ImpalaAkka.Impala.Protocol;

/// <summary>
/// What the learner does with one delivery, as decided by <see cref="ExactlyOnceBook.Offer"/>. A
/// closed hierarchy: <see cref="Accepted"/>, <see cref="RedeliveryOfHeld"/> or <see cref="Dropped"/>.
/// </summary>
internal abstract record OfferDecision
{
    private OfferDecision()
    {
    }

    /// <summary>Held for a batch; nothing to tell anyone.</summary>
    public sealed record Accepted : OfferDecision
    {
        public static readonly Accepted Instance = new();

        private Accepted()
        {
        }
    }

    /// <summary>
    /// The same delivery (same tag) of an unroll the learner holds or has used since the last
    /// checkpoint; nothing changes. <c>ResendUsed</c>: it is used, and the queue redelivered it, so
    /// our <c>DeliveriesUsed</c> notice for <c>Tag</c> was lost: send it again.
    /// </summary>
    public sealed record RedeliveryOfHeld(long Tag, bool ResendUsed) : OfferDecision;

    /// <summary>
    /// Settled without learning: its producer id is now in the ledger (a later copy is a duplicate
    /// too), unless it is a second copy of one held or used, whose fate the original settles. Ack
    /// <c>Tag</c> at once (the queue may delete it) and count it under <see cref="Label"/>.
    /// <c>Problem</c> says what is wrong with a <see cref="DropReason.Malformed"/> unroll, else null.
    /// </summary>
    public sealed record Dropped(long Tag, DropReason Reason, string? Problem = null) : OfferDecision
    {
        /// <summary>The reason as the monitor and the run observer count it: "duplicate", "malformed" or "stale".</summary>
        public string Label => Reason switch
        {
            DropReason.Duplicate => "duplicate",
            DropReason.Malformed => "malformed",
            DropReason.Stale => "stale",
            _ => throw new InvalidOperationException($"unknown drop reason {Reason}"),
        };
    }
}
