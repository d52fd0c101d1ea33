namespace ImpalaAkka.Actors.TestKit;

/// <summary>
/// Runs actors one message at a time on the calling thread, choosing the next ready actor with a
/// seeded RNG: the same seed gives the same interleaving, different seeds explore others.
/// Nothing runs until <see cref="RunUntilIdle"/> or <see cref="RunOne"/> is called.
/// </summary>
public sealed class DeterministicDispatcher(int seed = 0) : IDispatcher
{
    private readonly List<IRunnable> ready = [];
    private readonly Random random = new(seed);
    private readonly object gate = new();

    /// <summary>Actors waiting to run.</summary>
    public int Pending
    {
        get
        {
            lock (gate) return ready.Count;
        }
    }

    /// <summary>Messages processed so far.</summary>
    public long Steps { get; private set; }

    public void Schedule(IRunnable work)
    {
        lock (gate) ready.Add(work);
    }

    /// <summary>Runs one message of one ready actor; false when none is ready.</summary>
    public bool RunOne()
    {
        IRunnable next;
        lock (gate)
        {
            if (ready.Count == 0) return false;
            var index = random.Next(ready.Count);
            next = ready[index];
            ready.RemoveAt(index);
        }
        next.Run(1);
        Steps++;
        return true;
    }

    /// <summary>Runs until no actor has work, or throws after <paramref name="maxSteps"/> (a livelock guard).</summary>
    public long RunUntilIdle(long maxSteps = 1_000_000)
    {
        long steps = 0;
        while (RunOne())
        {
            if (++steps >= maxSteps)
            {
                throw new InvalidOperationException($"still busy after {maxSteps} steps (livelock?)");
            }
        }
        return steps;
    }
}
