namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// Counts the starts of each rollout actor of a node, so every (re)start acts under a fresh
/// incarnation in its producer ids; every start after an actor's first is a restart. Thread-safe.
/// </summary>
public sealed class Incarnations(int actors, int[]? startAfter = null)
{
    private readonly int[] last = startAfter is null ? new int[actors] : (int[])startAfter.Clone();
    private readonly bool[] started = new bool[actors];
    private long restarts;

    /// <summary>Restarts of this node's actors so far.</summary>
    public long Restarts => Interlocked.Read(ref restarts);

    /// <summary>The incarnation of actor <paramref name="index"/>'s next start.</summary>
    public int Next(int index)
    {
        lock (last)
        {
            if (started[index]) Interlocked.Increment(ref restarts);
            started[index] = true;
            return ++last[index];
        }
    }
}
