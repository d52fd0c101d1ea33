using System.Globalization;

namespace ImpalaAkka.Experiments.Tests;

/// <summary>Writes every runner event down as one compact line, and lets a test wait for the n-th.</summary>
internal sealed class RecordingObserver : IExperimentObserver
{
    private readonly object gate = new();
    private readonly List<string> events = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> waiters = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (gate) return [.. events];
        }
    }

    /// <summary>Completes once <paramref name="count"/> events have been recorded.</summary>
    public Task WhenCount(int count)
    {
        lock (gate)
        {
            if (events.Count >= count) return Task.CompletedTask;
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public void Planned(string experiment, int parallel, int resuming, ExperimentProgress progress) =>
        Add($"planned {experiment} parallel={parallel} resuming={resuming} | {Counts(progress)}");

    public void CellStarted(Cell cell, ExperimentProgress progress) => Add($"started {cell.Name} | {Counts(progress)}");

    public void CellFinished(Cell cell, CellOutcome outcome, TimeSpan duration, ExperimentProgress progress) =>
        Add(string.Create(CultureInfo.InvariantCulture,
            $"finished {cell.Name} {(outcome.Succeeded ? "ok" : $"failed({outcome.Detail})")} {duration.TotalSeconds}s | {Counts(progress)}"));

    private static string Counts(ExperimentProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"{p.Completed}/{p.Total} skipped={p.Skipped} finished={p.Finished} failed={p.Failed} running={p.Running} waiting={p.Waiting} eta={(p.Eta is { } eta ? $"{eta.TotalSeconds}s" : "-")}");

    private void Add(string line)
    {
        lock (gate)
        {
            events.Add(line);
            foreach (var waiter in waiters.Where(w => events.Count >= w.Count).ToList())
            {
                waiters.Remove(waiter);
                waiter.Reached.SetResult();
            }
        }
    }
}
