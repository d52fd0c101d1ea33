using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Protocol;
using Xunit.Sdk;

namespace ImpalaAkka.Impala.Tests.Protocol;

/// <summary>
/// An <see cref="ExactlyOnceBook"/> (the learner) and an <see cref="UnrollQueueBook{TPeer}"/> (the
/// queue) wired through a network that loses, duplicates and reorders messages, driven by a list of
/// <see cref="FaultOp"/>s and then drained on a healed network (fillers top up the last batch).
/// A checkpoint is the book's ledger plus the learner version; a crash rebuilds the book from the
/// last one and registers a new consumer. <see cref="Run"/> throws when an invariant breaks:
/// nothing is learned again once a checkpoint holds its learning (nor twice by one learner); the
/// queue deletes the last stored copy of an unroll only once its fate is settled (learned in a
/// checkpoint, or dropped as malformed or stale); at the end every published unroll is settled.
/// </summary>
internal sealed class ExactlyOnceModel
{
    private const int Producers = 3;
    private const long MaxLag = 6;
    private const string Malformed = "malformed";
    private static readonly TimeSpan RedeliveryTimeout = TimeSpan.FromSeconds(10);

    private enum NoticeKind
    {
        Used,
        Ack,
        Consume,
        Gone,
    }

    private sealed record ToLearner(string Consumer, long Tag, Unroll Unroll);

    private sealed record ToQueue(NoticeKind Kind, string Learner, long[] Tags);

    private readonly int batchSize;
    private readonly UnrollQueueBook<string> queue = new(RedeliveryTimeout);
    private readonly List<ToLearner> toLearner = [];
    private readonly List<ToQueue> toQueue = [];
    private readonly List<Unroll>[] published = [.. Enumerable.Range(0, Producers).Select(_ => new List<Unroll>())];
    private readonly List<Unroll> fillers = [];
    private readonly Dictionary<long, ProducerId> idOfTag = [];
    private readonly Dictionary<ProducerId, HashSet<long>> storedTags = [];
    private readonly Dictionary<string, long> lastCredit = [];
    private readonly HashSet<ProducerId> heldPending = [];
    private readonly List<HeldUnroll> learnedSinceCheckpoint = [];
    private readonly HashSet<ProducerId> learnedDurably = [];
    private readonly Dictionary<ProducerId, DropReason> droppedFor = [];
    private ExactlyOnceBook book;
    private (UnrollLedger Ledger, long Version)? checkpoint;
    private int incarnation;
    private long version;
    private long nextTag = 1;
    private TimeSpan now;

    public ExactlyOnceModel(int batchSize)
    {
        this.batchSize = batchSize;
        book = new ExactlyOnceBook(batchSize);
        Send(NoticeKind.Consume, []);
    }

    private string Learner => $"learner-{incarnation}";

    private int Prefetch => 2 * batchSize;

    public void Run(IEnumerable<FaultOp> ops)
    {
        foreach (var op in ops) Apply(op);
        Drain();
        var unsettled = published.SelectMany(p => p).Select(u => u.Producer).Distinct()
            .Where(id => !IsSettled(id)).ToList();
        if (unsettled.Count > 0) Fail($"neither learned in a checkpoint nor dropped: {string.Join(", ", unsettled)}");
    }

    private void Apply(FaultOp op)
    {
        switch (op.Kind)
        {
            case FaultOpKind.Publish:
                PublishNext(op.A % Producers, op.B);
                break;
            case FaultOpKind.Republish when published[op.A % Producers] is { Count: > 0 } mine:
                Publish($"p{op.A % Producers}", mine[op.B % mine.Count]);
                break;
            case FaultOpKind.Deliver when toLearner.Count > 0:
                LearnerReceives(Take(toLearner, op.A));
                break;
            case FaultOpKind.DuplicateDelivery when toLearner.Count > 0:
                LearnerReceives(toLearner[op.A % toLearner.Count]);
                break;
            case FaultOpKind.LoseDelivery when toLearner.Count > 0:
                Take(toLearner, op.A);
                break;
            case FaultOpKind.Notify when toQueue.Count > 0:
                QueueReceives(Take(toQueue, op.A));
                break;
            case FaultOpKind.LoseNotice:
                // The death watch is a system message: it is not lost.
                var losable = toQueue.Where(n => n.Kind != NoticeKind.Gone).ToList();
                if (losable.Count > 0) toQueue.Remove(losable[op.A % losable.Count]);
                break;
            case FaultOpKind.Step:
                Step();
                break;
            case FaultOpKind.Checkpoint:
                Checkpoint();
                break;
            case FaultOpKind.Crash:
                Crash();
                break;
            case FaultOpKind.ConsumeTick:
                Send(NoticeKind.Consume, []);
                break;
            case FaultOpKind.Tick:
                now += TimeSpan.FromSeconds(1 + op.A % 12);
                Apply(queue.Redeliver(now));
                break;
            case FaultOpKind.SpuriousConsumerGone:
                Send(NoticeKind.Gone, []);
                break;
        }
    }

    /// <summary>Heals the network and runs the learner until the queue holds no published unroll: fillers top up a short batch, time passes for redeliveries.</summary>
    private void Drain()
    {
        for (var round = 0; round < 200; round++)
        {
            Flush();
            if (!queue.Stats().StoredIds.Any(id => id.Node != "filler")) return;
            while (book.IsBatchReady) Step();
            if (book.PendingCount > 0)
            {
                for (var i = book.PendingCount; i < batchSize; i++) PublishFiller();
                Flush();
                while (book.IsBatchReady) Step();
            }
            Flush();
            Checkpoint();
            Send(NoticeKind.Consume, []);
            Flush();
            now += RedeliveryTimeout;
            Apply(queue.Redeliver(now));
        }
        Fail($"the queue still holds {string.Join(", ", queue.Stats().StoredIds)} after draining");
    }

    /// <summary>Delivers everything in transit, in order, until nothing is.</summary>
    private void Flush()
    {
        while (toQueue.Count > 0 || toLearner.Count > 0)
        {
            if (toQueue.Count > 0) QueueReceives(Take(toQueue, 0));
            else LearnerReceives(Take(toLearner, 0));
        }
    }

    private void PublishNext(int producer, int choice)
    {
        var sequence = published[producer].Count;
        var behind = (choice % 8) switch { 7 => 7, 6 => 4, _ => 0 }; // 7 is stale at once (max lag 6); less may become stale on the way
        var unroll = ProtocolUnrolls.Make(sequence, producer, Math.Max(0, version - behind), task: choice % 10 == 0 ? Malformed : "");
        published[producer].Add(unroll);
        Publish($"p{producer}", unroll);
    }

    private void PublishFiller()
    {
        var unroll = ProtocolUnrolls.Make(fillers.Count, version: version, node: "filler");
        fillers.Add(unroll);
        Publish("filler", unroll);
    }

    private void Publish(string publisher, Unroll unroll)
    {
        var tag = nextTag++; // the queue's tags are 1, 2, ... in publication order
        idOfTag[tag] = unroll.Producer;
        if (!storedTags.TryGetValue(unroll.Producer, out var tags)) storedTags[unroll.Producer] = tags = [];
        tags.Add(tag);
        Apply(queue.Publish(publisher, unroll, now));
    }

    private void LearnerReceives(ToLearner delivery)
    {
        if (delivery.Consumer != Learner) return; // for a learner that crashed
        var (tag, unroll) = (delivery.Tag, delivery.Unroll);
        var id = unroll.Producer;
        var decision = book.Offer(tag, unroll, u => u.Task == Malformed ? "malformed payload" : null, u => version - u.ParameterVersion > MaxLag);
        switch (decision)
        {
            case OfferDecision.Accepted:
                if (!heldPending.Add(id)) Fail($"accepted {id} (tag {tag}) while holding it");
                break;
            case OfferDecision.RedeliveryOfHeld { ResendUsed: true }:
                Send(NoticeKind.Used, [tag]);
                break;
            case OfferDecision.Dropped { Reason: DropReason.Duplicate }:
                Send(NoticeKind.Ack, [tag]); // a copy: its fate is the original's
                break;
            case OfferDecision.Dropped drop:
                droppedFor.TryAdd(id, drop.Reason);
                Send(NoticeKind.Ack, [tag]);
                break;
        }
    }

    private void QueueReceives(ToQueue notice)
    {
        switch (notice.Kind)
        {
            case NoticeKind.Used:
                Apply(queue.Used(notice.Tags, now));
                break;
            case NoticeKind.Ack:
                CheckDeletions(notice.Tags);
                Apply(queue.Ack(notice.Tags, now));
                break;
            case NoticeKind.Consume:
                Apply(queue.Consume(notice.Learner, Prefetch, now));
                break;
            case NoticeKind.Gone:
                queue.ConsumerGone(notice.Learner);
                break;
        }
    }

    /// <summary>The queue is about to delete these: the last stored copy of an unroll may go only once its fate is settled.</summary>
    private void CheckDeletions(long[] tags)
    {
        foreach (var tag in tags.Distinct().Where(queue.Holds))
        {
            var id = idOfTag[tag];
            var copies = storedTags[id];
            copies.Remove(tag);
            if (copies.Count == 0 && !IsSettled(id))
            {
                Fail($"the queue deletes the last copy of {id} (tag {tag}) before it is learned in a checkpoint or dropped");
            }
        }
    }

    private void Step()
    {
        if (!book.IsBatchReady) return;
        var batch = book.TakeBatch(book.FreshCount(0));
        foreach (var (tag, unroll) in batch)
        {
            var id = unroll.Producer;
            if (learnedDurably.Contains(id)) Fail($"{id} (tag {tag}) learned again after a checkpoint held its learning");
            if (learnedSinceCheckpoint.Any(h => h.Unroll.Producer == id)) Fail($"{id} (tag {tag}) learned twice by learner {incarnation}");
            heldPending.Remove(id);
        }
        learnedSinceCheckpoint.AddRange(batch);
        var usedTags = book.MarkUsed(batch);
        Assert.Equal(batch.Select(h => h.Tag), usedTags);
        version++;
        Send(NoticeKind.Used, usedTags);
    }

    private void Checkpoint()
    {
        var ledger = book.LedgerForCheckpoint();
        checkpoint = (ledger, version);
        foreach (var (tag, unroll) in learnedSinceCheckpoint)
        {
            if (!learnedDurably.Add(unroll.Producer)) Fail($"{unroll.Producer} (tag {tag}) in two checkpoints' learning");
        }
        var acks = book.Durable();
        Assert.Equal(learnedSinceCheckpoint.Select(h => h.Tag), acks);
        learnedSinceCheckpoint.Clear();
        foreach (var id in storedTags.Keys.Where(ledger.Contains))
        {
            if (!IsSettled(id)) Fail($"the checkpoint's ledger settles {id}, which is neither learned in it nor dropped");
        }
        if (acks.Length > 0) Send(NoticeKind.Ack, acks);
    }

    /// <summary>The learner dies: what it held is gone, learning since its last checkpoint too; a new one restores that checkpoint and registers.</summary>
    private void Crash()
    {
        var dead = Learner;
        incarnation++;
        toLearner.RemoveAll(d => d.Consumer == dead);
        heldPending.Clear();
        learnedSinceCheckpoint.Clear();
        book = new ExactlyOnceBook(batchSize);
        if (checkpoint is { } saved) book.Restore(saved.Ledger.Copy()); // a load gives a ledger of its own
        version = checkpoint?.Version ?? 0;
        toQueue.Add(new ToQueue(NoticeKind.Gone, dead, []));
        Send(NoticeKind.Consume, []);
    }

    private void Apply(IReadOnlyList<QueueEffect<string>> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case QueueEffect<string>.Deliver d:
                    if (idOfTag[d.Tag] != d.Unroll.Producer) Fail($"tag {d.Tag} delivered {d.Unroll.Producer}, published for {idOfTag[d.Tag]}");
                    toLearner.Add(new ToLearner(d.Consumer, d.Tag, d.Unroll));
                    break;
                case QueueEffect<string>.Credit c:
                    if (lastCredit.TryGetValue(c.Publisher, out var last) && c.Consumed <= last) Fail($"credit for {c.Publisher} went from {last} to {c.Consumed}");
                    lastCredit[c.Publisher] = c.Consumed;
                    break;
                case QueueEffect<string>.Confirm:
                    break; // producers here re-publish at random anyway
            }
        }
    }

    private bool IsSettled(ProducerId id) => learnedDurably.Contains(id) || droppedFor.ContainsKey(id);

    private void Send(NoticeKind kind, long[] tags) => toQueue.Add(new ToQueue(kind, Learner, tags));

    private static T Take<T>(List<T> list, int choice)
    {
        var i = choice % list.Count;
        var item = list[i];
        list.RemoveAt(i);
        return item;
    }

    private static void Fail(string message) => throw new XunitException(message);
}
