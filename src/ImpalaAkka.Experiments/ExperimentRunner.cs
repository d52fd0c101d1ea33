using System.Globalization;
using System.Text.Json;

namespace ImpalaAkka.Experiments;

/// <summary>
/// Expands an experiment's grid and runs every cell into <c>{out}/runs/{cell}</c>, at most
/// <c>parallel</c> at a time. Resumable: a cell whose summary says it finished is skipped; one with
/// a checkpoint (train) continues from it; any other leftover is cleared and run again. A failing
/// cell is reported and the others go on. Cancelled, it throws once the running cells have stopped
/// (each reported as it ends). Progress goes to the observer as data; rendering it is the caller's business.
/// </summary>
public sealed class ExperimentRunner(ExperimentSpec spec, string outDirectory, ICellExecutor executor, int parallel, IExperimentObserver observer, TimeProvider clock)
{
    public const string CellFile = "cell.json";
    private static readonly string[] Finished = ["max-frames", "target-return", "duration"];

    public sealed record Result(int Total, int Skipped, int Succeeded, IReadOnlyList<(string Cell, string Detail)> Failed);

    public string RunsDirectory => Path.Combine(outDirectory, "runs");

    public async Task<Result> RunAsync(CancellationToken cancellation)
    {
        var cells = GridExpansion.Expand(spec);
        Directory.CreateDirectory(RunsDirectory);
        new ExperimentInfo
        {
            Name = spec.Name,
            Question = spec.Question,
            Wiring = spec.Wiring,
            Source = spec.SourceFile,
            Configs = [.. spec.Configs.Select(c => Path.GetFileNameWithoutExtension(c))],
            Seeds = spec.Seeds,
            Frames = spec.Frames?.ToString(CultureInfo.InvariantCulture) ?? "from each config",
            Threshold = spec.Threshold ?? "from each config",
            Grid = spec.Grid.ToDictionary(a => a.Key, a => a.Values),
            Set = spec.Set.ToDictionary(a => a.Key, a => a.Value),
        }.Write(outDirectory);

        var pending = new List<(Cell Cell, string Directory, bool Resume)>();
        foreach (var cell in cells)
        {
            var directory = Path.Combine(RunsDirectory, cell.Name);
            if (IsFinished(directory)) continue;
            var resume = spec.Wiring == "train" && File.Exists(Path.Combine(directory, "checkpoint.iat")) && File.Exists(Path.Combine(directory, "config.json"));
            if (!resume && Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
            Directory.CreateDirectory(directory);
            WriteCellFile(directory, cell);
            pending.Add((cell, directory, resume));
        }
        var skipped = cells.Count - pending.Count;
        var finished = 0;
        var running = 0;
        var failed = new List<(string, string)>();
        var eta = new EtaEstimator(clock, parallel);
        var gate = new object();
        ExperimentProgress Progress() => new(cells.Count, skipped, finished, failed.Count, running, eta.Remaining(pending.Count - finished));
        observer.Planned(spec.Name, parallel, pending.Count(p => p.Resume), Progress());

        using var slots = new SemaphoreSlim(parallel);
        var tasks = pending.Select(async item =>
        {
            await slots.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                lock (gate)
                {
                    running++;
                    eta.Started(item.Cell.Name);
                    observer.CellStarted(item.Cell, Progress());
                }
                CellOutcome outcome;
                try
                {
                    outcome = await executor.RunAsync(spec, item.Cell, item.Directory, item.Resume, cancellation).ConfigureAwait(false);
                    if (outcome.Succeeded && !IsFinished(item.Directory)) outcome = outcome with { Succeeded = false, Detail = "exited 0 but wrote no finished summary.json" };
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    outcome = new CellOutcome(false, -1, $"{e.GetType().Name}: {e.Message}");
                }
                lock (gate)
                {
                    running--;
                    finished++;
                    if (!outcome.Succeeded) failed.Add((item.Cell.Name, outcome.Detail));
                    var duration = eta.Finished(item.Cell.Name);
                    observer.CellFinished(item.Cell, outcome, duration, Progress());
                }
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        // Interrupted after every cell had started: those cells have stopped and been reported, but the experiment is not done.
        cancellation.ThrowIfCancellationRequested();
        return new Result(cells.Count, skipped, finished - failed.Count, failed);
    }

    /// <summary>A run directory whose summary.json records a finished run; a corrupt summary is not one, so its cell runs again.</summary>
    public static bool IsFinished(string directory)
    {
        var summary = Path.Combine(directory, "summary.json");
        if (!File.Exists(summary)) return false;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(summary));
            return json.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("stop_reason", out var reason) &&
                reason.ValueKind == JsonValueKind.String && IsFinishedReason(reason.GetString());
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>A stop reason that ends a run at its goal (frame budget, target return or duration), not before it.</summary>
    internal static bool IsFinishedReason(string? stopReason) => Finished.Contains(stopReason);

    private static void WriteCellFile(string directory, Cell cell) =>
        File.WriteAllText(Path.Combine(directory, CellFile), JsonSerializer.Serialize(new
        {
            group = cell.GroupName,
            config = Path.GetFileNameWithoutExtension(cell.Config),
            seed = cell.Seed,
            values = cell.Values.ToDictionary(v => v.Key, v => v.Value.Trim('"')),
        }, new JsonSerializerOptions { WriteIndented = true }));
}
