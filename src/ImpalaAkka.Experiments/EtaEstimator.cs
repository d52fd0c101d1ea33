namespace ImpalaAkka.Experiments;

/// <summary>
/// Times cells on an injected clock and estimates the time left: the mean duration of the cells
/// finished so far, times the cells left, spread over the slots those cells can still keep busy.
/// </summary>
internal sealed class EtaEstimator(TimeProvider clock, int parallel)
{
    private readonly Dictionary<string, long> started = [];
    private TimeSpan finishedTotal;
    private int finishedCount;

    public void Started(string cell) => started.Add(cell, clock.GetTimestamp());

    /// <summary>Ends the timing of a started cell; returns how long it ran.</summary>
    public TimeSpan Finished(string cell)
    {
        if (!started.Remove(cell, out var start)) throw new InvalidOperationException($"{cell} finished but never started");
        var duration = clock.GetElapsedTime(start);
        finishedTotal += duration;
        finishedCount++;
        return duration;
    }

    /// <summary>Null until a cell has finished. <paramref name="left"/> counts the running cells too.</summary>
    public TimeSpan? Remaining(int left)
    {
        if (finishedCount == 0) return null;
        if (left == 0) return TimeSpan.Zero;
        // The last few cells run side by side on fewer slots than `parallel`, but never faster than one cell.
        return finishedTotal / finishedCount * left / Math.Min(parallel, left);
    }
}
