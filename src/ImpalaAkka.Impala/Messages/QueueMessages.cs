namespace ImpalaAkka.Impala.Messages;

// The unroll queue's protocol, a message broker's: publisher confirms, prefetch-limited
// deliveries with tags, acks, and redelivery of anything not acked in time. Every message is
// idempotent or carries enough to be, so it survives loss, duplication and reordering.

/// <summary>Queue -> publisher: the unroll is stored (the publisher may forget it).</summary>
public sealed record UnrollConfirmed(ProducerId Producer);

/// <summary>Queue -> publisher: how many of its unrolls the learner has used or dropped so far (cumulative, so a lost or repeated message does no harm).</summary>
public sealed record ConsumedTotal(long Count);

/// <summary>Learner -> queue: deliver to me, at most <c>Prefetch</c> unacknowledged at a time. Repeated periodically; a new consumer takes over everything unacked.</summary>
public sealed record ConsumeUnrolls(int Prefetch);

/// <summary>Queue -> learner: one stored unroll. <c>Redelivered</c> when it was delivered before.</summary>
public sealed record UnrollDelivery(long Tag, Unroll Unroll, bool Redelivered);

/// <summary>Learner -> queue: these deliveries are used (or dropped) but not yet durable: free their prefetch slots, credit their publishers, do not redeliver them soon.</summary>
public sealed record DeliveriesUsed(long[] Tags);

/// <summary>Learner -> queue: these deliveries' use is durable (in a checkpoint): delete them.</summary>
public sealed record AckUnrolls(long[] Tags);

/// <summary>Asks the queue for its counters (replied with <see cref="QueueStats"/>).</summary>
public sealed record GetQueueStats
{
    public static readonly GetQueueStats Instance = new();
}

public sealed record QueueStats(long Accepted, long Acked, long Stored, long Ready, long Redeliveries, IReadOnlyList<ProducerId> StoredIds);

/// <summary>Observes what the roles do, for invariant checks and traces. Every method may be called from actor threads.</summary>
public interface IRunObserver
{
    void Accepted(ProducerId producer) { }

    void Dropped(ProducerId producer, string reason) { }

    void Learned(long step, long versionAtUse, IReadOnlyList<Unroll> fresh) { }

    void Durable(long step) { }

    /// <summary>The learner stopped cleanly holding these unrolls unused, or received them after it stopped (they stay unacked in the queue).</summary>
    void HeldAtStop(IReadOnlyList<ProducerId> held) { }

    /// <summary>The learner (re)started: from the checkpoint of step <paramref name="step"/> when <paramref name="restored"/>, else fresh (step 0, version 0 again).</summary>
    void Started(long step, bool restored) { }

    void Published(long version) { }

    void Acted(string actor, long version) { }
}

/// <summary>An observer that observes nothing.</summary>
public sealed class NoObserver : IRunObserver
{
    public static readonly NoObserver Instance = new();
}
