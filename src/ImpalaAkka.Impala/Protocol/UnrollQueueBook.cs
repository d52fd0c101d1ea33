using System.Diagnostics;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Protocol;

/// <summary>
/// The state of a durable unroll queue with a message broker's semantics, without an actor: every
/// published unroll is stored under a new tag (1, 2, ...) and confirmed to its publisher, delivered
/// to the registered consumer (at most <c>prefetch</c> in flight), and deleted only when acked. A
/// delivery that is in flight or marked used, and not acked within the redelivery timeout, is
/// delivered again (flagged redelivered) on <see cref="Redeliver"/>; a new consumer takes over every
/// unacked entry in tag order. Publishers get flow-control credit as a cumulative count of their
/// unrolls used or acked, in publication order. It keeps nothing about the learner's progress:
/// duplicates are the learner's to recognise by producer id.
/// </summary>
/// <remarks>
/// Peers (publishers and the consumer) are opaque keys compared with the comparer given; every
/// method returns the messages to send, in order. Time is passed in; it stamps deliveries.
/// </remarks>
/// <typeparam name="TPeer">Who a message is for (an actor reference in the actor, anything in tests).</typeparam>
internal sealed class UnrollQueueBook<TPeer>
    where TPeer : notnull
{
    private sealed class Entry(Unroll unroll, TPeer publisher)
    {
        public Unroll Unroll { get; } = unroll;

        public TPeer Publisher { get; } = publisher;

        public bool Used { get; set; }

        public bool InFlight { get; set; }

        public bool Delivered { get; set; }

        public TimeSpan LastDelivery { get; set; }
    }

    private readonly SortedDictionary<long, Entry> entries = new();
    private readonly LinkedList<long> ready = new();
    private readonly Dictionary<long, LinkedListNode<long>> readyNodes = []; // O(1) membership and removal in ready
    private readonly Dictionary<TPeer, long> consumedByPublisher;
    private readonly List<TPeer> publishers = []; // credit order is publication order, in every process
    private readonly IEqualityComparer<TPeer> peers;
    private readonly TimeSpan redeliveryTimeout;
    private TPeer? consumer;
    private bool hasConsumer;
    private int prefetch;
    private int inFlight;
    private long nextTag = 1;
    private long accepted;
    private long acked;
    private long redeliveries;

    /// <param name="redeliveryTimeout">How long a delivery may stay neither acked nor redelivered.</param>
    /// <param name="peerComparer">How peers are told apart; the default comparer when null.</param>
    public UnrollQueueBook(TimeSpan redeliveryTimeout, IEqualityComparer<TPeer>? peerComparer = null)
    {
        this.redeliveryTimeout = redeliveryTimeout;
        peers = peerComparer ?? EqualityComparer<TPeer>.Default;
        consumedByPublisher = new Dictionary<TPeer, long>(peers);
    }

    /// <summary>How often to call <see cref="Redeliver"/>: half the timeout (at least a tick); null when the timeout is not positive (no redelivery).</summary>
    public TimeSpan? RedeliveryInterval =>
        redeliveryTimeout > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Max(1, redeliveryTimeout.Ticks / 2)) : null;

    /// <summary>Whether <paramref name="who"/> is the registered consumer.</summary>
    public bool IsConsumer(TPeer who) => hasConsumer && peers.Equals(consumer!, who);

    /// <summary>Whether the entry <paramref name="tag"/> is stored (published and not acked).</summary>
    public bool Holds(long tag) => entries.ContainsKey(tag);

    /// <summary>Stores <paramref name="unroll"/> under the next tag: confirms it, then delivers what the prefetch allows.</summary>
    public IReadOnlyList<QueueEffect<TPeer>> Publish(TPeer publisher, Unroll unroll, TimeSpan now)
    {
        var tag = nextTag++;
        entries[tag] = new Entry(unroll, publisher);
        AddLast(tag);
        accepted++;
        if (consumedByPublisher.TryAdd(publisher, 0)) publishers.Add(publisher);
        var effects = new List<QueueEffect<TPeer>> { new QueueEffect<TPeer>.Confirm(publisher, unroll.Producer) };
        Deliver(now, effects);
        return effects;
    }

    /// <summary>
    /// <paramref name="who"/> consumes with <paramref name="prefetch"/> (repeated periodically).
    /// A consumer other than the current one (or any, after <see cref="ConsumerGone"/>) takes over
    /// every unacked entry, in tag order, as neither in flight nor used.
    /// </summary>
    public IReadOnlyList<QueueEffect<TPeer>> Consume(TPeer who, int prefetch, TimeSpan now)
    {
        this.prefetch = prefetch;
        if (!hasConsumer || !peers.Equals(consumer!, who))
        {
            // A new consumer (a restarted learner) takes over every unacked entry, in tag order.
            consumer = who;
            hasConsumer = true;
            ClearReady();
            inFlight = 0;
            foreach (var (tag, entry) in entries)
            {
                entry.InFlight = false;
                entry.Used = false;
                AddLast(tag);
            }
        }
        var effects = new List<QueueEffect<TPeer>>();
        Deliver(now, effects);
        return effects;
    }

    /// <summary>
    /// The consumer used (or dropped) <paramref name="tags"/>, not yet durably: each stored, not yet
    /// used entry leaves flight and the ready list and counts for its publisher's credit. Unknown or
    /// already used tags are ignored.
    /// </summary>
    public IReadOnlyList<QueueEffect<TPeer>> Used(IReadOnlyList<long> tags, TimeSpan now)
    {
        var credited = new HashSet<TPeer>(peers);
        foreach (var tag in tags)
        {
            if (!entries.TryGetValue(tag, out var entry) || entry.Used) continue;
            entry.Used = true;
            if (entry.InFlight)
            {
                entry.InFlight = false;
                inFlight--;
            }
            RemoveReady(tag);
            consumedByPublisher[entry.Publisher]++;
            credited.Add(entry.Publisher);
        }
        var effects = new List<QueueEffect<TPeer>>();
        Credit(credited, effects);
        Deliver(now, effects);
        return effects;
    }

    /// <summary>
    /// Deletes the stored entries among <paramref name="tags"/> (their use is durable); an entry not
    /// yet marked used counts for its publisher's credit now. Unknown tags are ignored.
    /// </summary>
    public IReadOnlyList<QueueEffect<TPeer>> Ack(IReadOnlyList<long> tags, TimeSpan now)
    {
        var credited = new HashSet<TPeer>(peers);
        foreach (var tag in tags)
        {
            if (!entries.Remove(tag, out var entry)) continue;
            acked++;
            if (entry.InFlight) inFlight--;
            if (!entry.Used)
            {
                consumedByPublisher[entry.Publisher]++;
                credited.Add(entry.Publisher);
            }
            RemoveReady(tag);
        }
        var effects = new List<QueueEffect<TPeer>>();
        Credit(credited, effects);
        Deliver(now, effects);
        return effects;
    }

    /// <summary>
    /// Puts back at the front of the ready list every entry delivered at least
    /// <c>redeliveryTimeout</c> before <paramref name="now"/>, not ready, and in flight or used (its
    /// ack is overdue); then delivers. Entries are visited in tag order and each goes to the front,
    /// so the highest such tag is delivered first.
    /// </summary>
    public IReadOnlyList<QueueEffect<TPeer>> Redeliver(TimeSpan now)
    {
        foreach (var (tag, entry) in entries)
        {
            if (entry.Delivered && !readyNodes.ContainsKey(tag) && now - entry.LastDelivery >= redeliveryTimeout && (entry.InFlight || entry.Used))
            {
                if (entry.InFlight)
                {
                    entry.InFlight = false;
                    inFlight--;
                }
                AddFirst(tag);
                redeliveries++;
            }
        }
        var effects = new List<QueueEffect<TPeer>>();
        Deliver(now, effects);
        return effects;
    }

    /// <summary>
    /// <paramref name="who"/> terminated: when it is the consumer, nothing is delivered until a
    /// consumer registers again (which then takes over everything unacked).
    /// </summary>
    public void ConsumerGone(TPeer who)
    {
        if (hasConsumer && peers.Equals(consumer!, who))
        {
            consumer = default;
            hasConsumer = false;
        }
    }

    /// <summary>Counters and the producer ids stored, in tag order.</summary>
    public QueueStats Stats() =>
        new(accepted, acked, entries.Count, ready.Count, redeliveries, entries.Values.Select(e => e.Unroll.Producer).ToList());

    /// <summary>Each credited publisher's cumulative count, in publication order (deterministic).</summary>
    private void Credit(HashSet<TPeer> credited, List<QueueEffect<TPeer>> effects)
    {
        foreach (var publisher in publishers)
        {
            if (credited.Contains(publisher)) effects.Add(new QueueEffect<TPeer>.Credit(publisher, consumedByPublisher[publisher]));
        }
    }

    /// <summary>Delivers from the front of the ready list while the prefetch allows; a used entry does not count as in flight.</summary>
    private void Deliver(TimeSpan now, List<QueueEffect<TPeer>> effects)
    {
        Debug.Assert(inFlight >= 0, $"in flight {inFlight}: a delivery left flight twice");
        while (hasConsumer && inFlight < prefetch && ready.First is { } first)
        {
            var tag = first.Value;
            RemoveReady(tag);
            var entry = entries[tag];
            var redelivered = entry.Delivered;
            entry.Delivered = true;
            entry.LastDelivery = now;
            if (!entry.Used)
            {
                entry.InFlight = true;
                inFlight++;
            }
            effects.Add(new QueueEffect<TPeer>.Deliver(consumer!, tag, entry.Unroll, redelivered));
        }
    }

    private void AddLast(long tag) => readyNodes[tag] = ready.AddLast(tag);

    private void AddFirst(long tag) => readyNodes[tag] = ready.AddFirst(tag);

    private void RemoveReady(long tag)
    {
        if (readyNodes.Remove(tag, out var node)) ready.Remove(node);
    }

    private void ClearReady()
    {
        ready.Clear();
        readyNodes.Clear();
    }
}
