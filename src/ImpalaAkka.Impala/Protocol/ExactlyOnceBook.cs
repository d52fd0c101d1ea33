using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Protocol;

/// <summary>
/// The learner's exactly-once bookkeeping, without an actor or a tensor. Every producer id is in
/// one of four places: pending (accepted, waiting for a batch), used since the last checkpoint
/// (learned, not yet durable), settled (in the <see cref="UnrollLedger"/>: learned in a checkpoint,
/// or dropped), or unknown. A delivery is recognised by its producer id against all three, so a
/// redelivery or a second copy is never learned twice; the queue is told to delete (ack) a learned
/// delivery only by <see cref="Durable"/>, which the learner calls once a checkpoint holds the step
/// that used it (or at once when it keeps no checkpoints).
/// </summary>
/// <remarks>
/// The learner's cycle: <see cref="Offer"/> each delivery; when <see cref="IsBatchReady"/>,
/// <see cref="TakeBatch"/>(<see cref="FreshCount"/>), step, <see cref="MarkUsed"/> (tags for
/// <c>DeliveriesUsed</c>); to checkpoint, save <see cref="LedgerForCheckpoint"/> and on success
/// call <see cref="Durable"/> (tags for <c>AckUnrolls</c>). After a crash a new book is
/// <see cref="Restore"/>d from the checkpoint's ledger.
/// </remarks>
internal sealed class ExactlyOnceBook
{
    private readonly int freshPerBatch;
    private readonly int replayPerBatch;
    private readonly List<HeldUnroll> pending = [];
    private readonly Dictionary<ProducerId, long> pendingIds = [];
    private readonly Dictionary<ProducerId, long> usedSinceCheckpoint = [];
    private readonly List<HeldUnroll> usedInOrder = []; // acks go out in the order of use
    private UnrollLedger ledger = new();

    /// <param name="freshPerBatch">Fresh unrolls per step (batch size minus the replayed share).</param>
    /// <param name="replayPerBatch">Replayed unrolls per step; 0 without replay.</param>
    public ExactlyOnceBook(int freshPerBatch, int replayPerBatch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(freshPerBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(replayPerBatch);
        this.freshPerBatch = freshPerBatch;
        this.replayPerBatch = replayPerBatch;
    }

    /// <summary>Unrolls accepted and not yet taken into a batch.</summary>
    public int PendingCount => pending.Count;

    /// <summary>The producer ids of the unrolls held and not yet used (what a learner that stops now leaves unlearned).</summary>
    public IReadOnlyList<ProducerId> PendingIds => [.. pending.Select(h => h.Unroll.Producer)];

    /// <summary>Unrolls used by a step since the last <see cref="Durable"/>.</summary>
    public int UsedSinceCheckpointCount => usedInOrder.Count;

    /// <summary>Steps counted by <see cref="MarkUsed"/> since the last <see cref="Durable"/>.</summary>
    public int StepsSinceCheckpoint { get; private set; }

    /// <summary>Enough fresh unrolls are pending for a step (the learner also checks it is not complete).</summary>
    public bool IsBatchReady => pending.Count >= freshPerBatch;

    /// <summary>Enough are pending to fill the replayed share with fresh ones too (replay came back short).</summary>
    public bool CanFillWithFresh => pending.Count >= freshPerBatch + replayPerBatch;

    /// <summary>Whether <paramref name="id"/> is settled: learned in a checkpoint or dropped.</summary>
    public bool IsSettled(ProducerId id) => ledger.Contains(id);

    /// <summary>
    /// Replaces the settled set with a checkpoint's ledger (the book takes it over). Only on a
    /// fresh book: a restored learner starts holding nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">The book already holds or has used an unroll.</exception>
    public void Restore(UnrollLedger checkpointLedger)
    {
        if (pendingIds.Count > 0 || usedInOrder.Count > 0)
        {
            throw new InvalidOperationException($"restore on a book that holds {pendingIds.Count} pending and {usedInOrder.Count} used unrolls");
        }
        ledger = checkpointLedger;
    }

    /// <summary>
    /// Decides what to do with the delivery <paramref name="tag"/> of <paramref name="unroll"/>, in
    /// this order: settled -> duplicate; held or used under the same tag -> a redelivery (resend the
    /// used notice when used); under another tag -> duplicate (a second copy); then
    /// <paramref name="problem"/> (non-null: malformed) and <paramref name="isStale"/>, asked only
    /// for unrolls not recognised. Accepted unrolls are appended to the pending list; a drop puts
    /// the producer id in the ledger, except a second copy's (the original settles it).
    /// </summary>
    public OfferDecision Offer(long tag, Unroll unroll, Func<Unroll, string?> problem, Func<Unroll, bool> isStale)
    {
        var id = unroll.Producer;
        if (ledger.Contains(id)) return Drop(tag, id, DropReason.Duplicate); // its learning is already in a checkpoint
        var used = usedSinceCheckpoint.TryGetValue(id, out var heldTag);
        if (used || pendingIds.TryGetValue(id, out heldTag))
        {
            // Same tag: the queue redelivered what we hold (when used, our earlier notice was lost).
            // Another tag: the producer published it again. The copy stays out of the ledger: the
            // original's fate settles the id, and settling it now would let a redelivery of the
            // original be acked (or a checkpoint claim it) before its learning is durable.
            return heldTag == tag ? new OfferDecision.RedeliveryOfHeld(tag, ResendUsed: used) : new OfferDecision.Dropped(tag, DropReason.Duplicate);
        }
        if (problem(unroll) is { } reason) return Drop(tag, id, DropReason.Malformed, reason);
        if (isStale(unroll)) return Drop(tag, id, DropReason.Stale);
        pending.Add(new HeldUnroll(tag, unroll));
        pendingIds[id] = tag;
        return OfferDecision.Accepted.Instance;
    }

    /// <summary>
    /// How many fresh unrolls the next step takes given <paramref name="replayedCount"/> replayed
    /// ones: the fresh share, or the whole batch when replay is on, brought none and enough are pending.
    /// </summary>
    public int FreshCount(int replayedCount) =>
        replayedCount == 0 && replayPerBatch > 0 && CanFillWithFresh ? freshPerBatch + replayPerBatch : freshPerBatch;

    /// <summary>
    /// Removes the oldest <paramref name="count"/> pending unrolls, in acceptance order, for a step.
    /// They stay recognised as held until <see cref="MarkUsed"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than <paramref name="count"/> are pending.</exception>
    public IReadOnlyList<HeldUnroll> TakeBatch(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, pending.Count);
        var batch = pending.GetRange(0, count);
        pending.RemoveRange(0, count);
        return batch;
    }

    /// <summary>
    /// Records that one step used <paramref name="batch"/> (what <see cref="TakeBatch"/> returned):
    /// they are used since the checkpoint until <see cref="Durable"/>. Counts the step. Returns their
    /// tags, in batch order, for the queue's <c>DeliveriesUsed</c>.
    /// </summary>
    public long[] MarkUsed(IReadOnlyList<HeldUnroll> batch)
    {
        StepsSinceCheckpoint++;
        var tags = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var (tag, unroll) = batch[i];
            pendingIds.Remove(unroll.Producer);
            usedSinceCheckpoint[unroll.Producer] = tag;
            usedInOrder.Add(batch[i]);
            tags[i] = tag;
        }
        return tags;
    }

    /// <summary>With checkpoints every <paramref name="every"/> steps (0: none by count), one is due.</summary>
    public bool IsCheckpointDue(int every) => every > 0 && StepsSinceCheckpoint >= every;

    /// <summary>The ledger to store in a checkpoint: the settled ids plus those used since the last one. A copy: later changes to the book do not alter it.</summary>
    public UnrollLedger LedgerForCheckpoint()
    {
        var copy = ledger.Copy();
        copy.AddRange(usedInOrder.Select(u => u.Unroll.Producer));
        return copy;
    }

    /// <summary>
    /// The checkpoint holding <see cref="LedgerForCheckpoint"/> is written (or there is none to
    /// write): what was used is settled, the step count restarts. Returns the tags the queue may now
    /// delete, in order of use; empty when nothing was used (then send no ack). Not called when
    /// the checkpoint failed: the queue must keep those unrolls.
    /// </summary>
    public long[] Durable()
    {
        StepsSinceCheckpoint = 0;
        var tags = usedInOrder.Select(u => u.Tag).ToArray();
        ledger.AddRange(usedInOrder.Select(u => u.Unroll.Producer));
        usedInOrder.Clear();
        usedSinceCheckpoint.Clear();
        return tags;
    }

    private OfferDecision.Dropped Drop(long tag, ProducerId id, DropReason reason, string? problem = null)
    {
        ledger.Add(id); // settled: a later copy is a duplicate too
        return new OfferDecision.Dropped(tag, reason, problem);
    }
}
