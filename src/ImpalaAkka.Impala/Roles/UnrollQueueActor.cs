using Akka.Actor;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// A durable unroll queue with RabbitMQ's semantics: every published unroll is stored and
/// confirmed to its publisher, delivered to the registered consumer with a tag (at most
/// <c>prefetch</c> unacknowledged), and deleted only when acked. A delivery neither marked used
/// nor acked within <c>redeliveryTimeout</c> is delivered again (flagged redelivered), and a new
/// consumer takes over everything not acked. It forwards flow-control credit to publishers as a
/// cumulative count. It keeps no state about the learner's progress: duplicates are the learner's
/// to recognise (by producer id).
/// </summary>
public sealed class UnrollQueueActor : ReceiveActor, IWithTimers
{
    private sealed class Entry(Unroll unroll, IActorRef publisher)
    {
        public Unroll Unroll { get; } = unroll;
        public IActorRef Publisher { get; } = publisher;
        public bool Used { get; set; }
        public bool InFlight { get; set; }
        public bool Delivered { get; set; }
        public DateTimeOffset LastDelivery { get; set; }
    }

    private readonly SortedDictionary<long, Entry> entries = new();
    private readonly LinkedList<long> ready = new();
    private readonly Dictionary<IActorRef, long> consumedByPublisher = new();
    private readonly List<IActorRef> publishers = []; // credit order is publication order, in every process
    private readonly TimeSpan redeliveryTimeout;
    private readonly IRunObserver observer;
    private IActorRef? consumer;
    private int prefetch;
    private int inFlight;
    private long nextTag = 1;
    private long accepted, acked, redeliveries;

    public UnrollQueueActor(TimeSpan redeliveryTimeout, IRunObserver? observer = null)
    {
        this.redeliveryTimeout = redeliveryTimeout;
        this.observer = observer ?? NoObserver.Instance;
        Receive<Unroll>(OnPublish);
        Receive<ConsumeUnrolls>(OnConsume);
        Receive<DeliveriesUsed>(m => OnUsed(m.Tags));
        Receive<AckUnrolls>(m => OnAck(m.Tags));
        Receive<RedeliveryTick>(_ => Redeliver());
        Receive<GetQueueStats>(_ => Sender.Tell(new QueueStats(accepted, acked, entries.Count, ready.Count, redeliveries, entries.Values.Select(e => e.Unroll.Producer).ToList()), Self));
        Receive<Terminated>(m =>
        {
            if (m.ActorRef.Equals(consumer)) consumer = null;
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record RedeliveryTick;

    protected override void PreStart()
    {
        if (redeliveryTimeout > TimeSpan.Zero)
        {
            var interval = TimeSpan.FromTicks(Math.Max(1, redeliveryTimeout.Ticks / 2));
            Timers.StartPeriodicTimer(nameof(RedeliveryTick), new RedeliveryTick(), interval);
        }
    }

    private void OnPublish(Unroll unroll)
    {
        var tag = nextTag++;
        entries[tag] = new Entry(unroll, Sender);
        ready.AddLast(tag);
        accepted++;
        if (!consumedByPublisher.ContainsKey(Sender))
        {
            consumedByPublisher[Sender] = 0;
            publishers.Add(Sender);
        }
        observer.Accepted(unroll.Producer);
        Sender.Tell(new UnrollConfirmed(unroll.Producer), Self);
        Deliver();
    }

    private void OnConsume(ConsumeUnrolls consume)
    {
        prefetch = consume.Prefetch;
        if (!Sender.Equals(consumer))
        {
            // A new consumer (a restarted learner) takes over every unacked entry, in tag order.
            consumer = Sender;
            Context.Watch(consumer);
            ready.Clear();
            inFlight = 0;
            foreach (var (tag, entry) in entries)
            {
                entry.InFlight = false;
                entry.Used = false;
                ready.AddLast(tag);
            }
        }
        Deliver();
    }

    private void OnUsed(long[] tags)
    {
        var credited = new HashSet<IActorRef>(ReferenceEqualityComparer.Instance);
        foreach (var tag in tags)
        {
            if (!entries.TryGetValue(tag, out var entry) || entry.Used) continue;
            entry.Used = true;
            if (entry.InFlight)
            {
                entry.InFlight = false;
                inFlight--;
            }
            ready.Remove(tag);
            consumedByPublisher[entry.Publisher]++;
            credited.Add(entry.Publisher);
        }
        Credit(credited);
        Deliver();
    }

    /// <summary>Tells each affected publisher its cumulative count, in publication order (deterministic).</summary>
    private void Credit(HashSet<IActorRef> credited)
    {
        foreach (var publisher in publishers)
        {
            if (credited.Contains(publisher)) publisher.Tell(new ConsumedTotal(consumedByPublisher[publisher]), Self);
        }
    }

    private void OnAck(long[] tags)
    {
        var credited = new HashSet<IActorRef>(ReferenceEqualityComparer.Instance);
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
            ready.Remove(tag);
        }
        Credit(credited);
        Deliver();
    }

    private void Redeliver()
    {
        // The scheduler's Now, not its MonotonicClock: Now is the time a virtual-time scheduler
        // advances (MonotonicClock stays real time there, and nothing would ever time out).
        var now = Context.System.Scheduler.Now;
        foreach (var (tag, entry) in entries)
        {
            if (entry.Delivered && !ready.Contains(tag) && now - entry.LastDelivery >= redeliveryTimeout && (entry.InFlight || entry.Used))
            {
                if (entry.InFlight)
                {
                    entry.InFlight = false;
                    inFlight--;
                }
                ready.AddFirst(tag);
                redeliveries++;
            }
        }
        Deliver();
    }

    private void Deliver()
    {
        while (consumer is not null && inFlight < prefetch && ready.First is { } first)
        {
            ready.RemoveFirst();
            var entry = entries[first.Value];
            var redelivered = entry.Delivered;
            entry.Delivered = true;
            entry.LastDelivery = Context.System.Scheduler.Now;
            if (!entry.Used)
            {
                entry.InFlight = true;
                inFlight++;
            }
            consumer.Tell(new UnrollDelivery(first.Value, entry.Unroll, redelivered), Self);
        }
    }
}
