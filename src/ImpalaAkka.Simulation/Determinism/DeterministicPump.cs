using Akka.Dispatch;

namespace ImpalaAkka.Simulation.Determinism;

/// <summary>
/// The single-threaded executor behind every dispatcher of one deterministic actor system: each
/// mailbox run Akka schedules is queued here, and nothing runs until the driver calls
/// <see cref="RunOne"/> or one of the Run methods, which run the work on the calling thread.
/// </summary>
/// <remarks>
/// The next runnable is picked with a seeded RNG among the queued ones sorted by a stable key (the
/// mailbox's actor path, ordinal), ties broken by enqueue order. Sorting makes the pick independent
/// of the order in which work arrived whenever the set is the same: Akka enqueues in hash order in
/// places (children of a parent sit in a string-keyed immutable dictionary, and .NET randomises
/// string hashes per process), so the same seed gives the same run order in every process.
/// </remarks>
public sealed class DeterministicPump
{
    /// <summary>The default livelock guard of the Run methods.</summary>
    public const long DefaultMaxSteps = 1_000_000;

    // Sorted by (key ordinal, enqueue order); small (one entry per runnable mailbox), so a sorted list beats a tree.
    private static readonly Comparer<(string Key, long Sequence, IRunnable Work)> Order = Comparer<(string Key, long Sequence, IRunnable Work)>.Create(
        static (x, y) => string.CompareOrdinal(x.Key, y.Key) is var byKey && byKey != 0 ? byKey : x.Sequence.CompareTo(y.Sequence));

    private readonly List<(string Key, long Sequence, IRunnable Work)> ready = [];
    private readonly Random random;
    private readonly Lock gate = new();
    private long sequence;
    private long steps;
    private long foreignEnqueues;
    private bool running;
    private int driverThread = Environment.CurrentManagedThreadId;

    /// <param name="seed">Seeds the pick; the same seed and the same work give the same order.</param>
    public DeterministicPump(int seed)
    {
        Seed = seed;
        random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>Runnables run so far.</summary>
    public long Steps => Interlocked.Read(ref steps);

    /// <summary>Runnables queued and not yet run.</summary>
    public int Pending
    {
        get
        {
            lock (gate) return ready.Count;
        }
    }

    /// <summary>
    /// Work enqueued from a thread other than the one that last drove the pump: something ran on the
    /// thread pool or a timer thread (a task continuation, <c>PipeTo</c>, <c>Task.Delay</c>) and its
    /// effects arrive in an order this pump does not control. Zero in a deterministic run.
    /// </summary>
    public long ForeignThreadEnqueues
    {
        get
        {
            lock (gate) return foreignEnqueues;
        }
    }

    /// <summary>Runs one queued runnable on the calling thread; false when none is queued.</summary>
    /// <exception cref="InvalidOperationException">Called from inside a runnable of this pump.</exception>
    public bool RunOne()
    {
        (string Key, long Sequence, IRunnable Work) next;
        lock (gate)
        {
            if (running) throw new InvalidOperationException("the pump is not re-entrant: do not drive it from inside an actor");
            if (ready.Count == 0) return false;
            var index = random.Next(ready.Count);
            next = ready[index];
            ready.RemoveAt(index);
            running = true;
            driverThread = Environment.CurrentManagedThreadId;
        }
        try
        {
            next.Work.Run();
        }
        finally
        {
            lock (gate) running = false;
            Interlocked.Increment(ref steps);
        }
        return true;
    }

    /// <summary>Runs until nothing is queued; returns the steps taken.</summary>
    /// <exception cref="InvalidOperationException">Work is still queued after <paramref name="maxSteps"/> steps (a livelock guard).</exception>
    public long RunUntilIdle(long maxSteps = DefaultMaxSteps)
    {
        long taken = 0;
        while (RunOne())
        {
            if (++taken >= maxSteps && Pending > 0)
            {
                throw new InvalidOperationException($"the pump is still busy after {maxSteps} steps ({Pending} runnables queued): a livelock?");
            }
        }
        return taken;
    }

    /// <summary>Runs until <paramref name="done"/> holds (checked before each step); false if the pump went idle first.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="done"/> still fails after <paramref name="maxSteps"/> steps.</exception>
    public bool RunUntil(Func<bool> done, long maxSteps = DefaultMaxSteps)
    {
        ArgumentNullException.ThrowIfNull(done);
        for (long taken = 0; !done(); taken++)
        {
            if (taken >= maxSteps)
            {
                throw new InvalidOperationException($"the condition still fails after {maxSteps} steps ({Pending} runnables queued): a livelock?");
            }
            if (!RunOne()) return false;
        }
        return true;
    }

    /// <summary>Queues <paramref name="work"/> under <paramref name="key"/> (null: no stable key, sorts first).</summary>
    internal void Enqueue(IRunnable work, string? key)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (gate)
        {
            if (Environment.CurrentManagedThreadId != driverThread) foreignEnqueues++;
            var entry = (key ?? "", sequence++, work);
            var index = ready.BinarySearch(entry, Order);
            ready.Insert(index < 0 ? ~index : index, entry);
        }
    }
}
