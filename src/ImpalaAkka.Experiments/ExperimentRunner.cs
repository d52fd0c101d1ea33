using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ImpalaAkka.Experiments;

/// <summary>
/// Expands an experiment's grid and runs every cell into <c>{out}/runs/{cell}</c>, at most
/// <c>parallel</c> at a time. Resumable: a cell whose summary says it finished is skipped; one with
/// a checkpoint (train) continues from it; any other leftover is cleared and run again. A failing
/// cell is reported and the others go on.
/// </summary>
public sealed class ExperimentRunner(ExperimentSpec spec, string outDirectory, ICellExecutor executor, int parallel, TextWriter log)
{
    public const string CellFile = "cell.json";
    private static readonly string[] Finished = ["max-frames", "target-return", "duration"];

    public sealed record Result(int Total, int Skipped, int Succeeded, IReadOnlyList<(string Cell, string Detail)> Failed);

    public string RunsDirectory => Path.Combine(outDirectory, "runs");

    public async Task<Result> RunAsync(CancellationToken cancellation)
    {
        var cells = GridExpansion.Expand(spec);
        Directory.CreateDirectory(RunsDirectory);
        File.WriteAllText(Path.Combine(outDirectory, "experiment.json"), JsonSerializer.Serialize(new
        {
            name = spec.Name,
            wiring = spec.Wiring,
            source = spec.SourceFile,
            configs = spec.Configs.Select(Path.GetFileNameWithoutExtension),
            seeds = spec.Seeds,
            frames = spec.Frames?.ToString(CultureInfo.InvariantCulture) ?? "from each config",
            threshold = spec.Threshold ?? "from each config",
            grid = spec.Grid.ToDictionary(a => a.Key, a => a.Values),
            set = spec.Set.ToDictionary(a => a.Key, a => a.Value),
        }, new JsonSerializerOptions { WriteIndented = true }));

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
        log.WriteLine($"impala experiment: {spec.Name}: {cells.Count} cells, {skipped} already finished, {pending.Count} to run, {parallel} at a time");

        var failed = new List<(string, string)>();
        var done = 0;
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(parallel);
        var gate = new object();
        var tasks = pending.Select(async item =>
        {
            await slots.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                var started = clock.Elapsed;
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
                    done++;
                    if (!outcome.Succeeded) failed.Add((item.Cell.Name, outcome.Detail));
                    var elapsed = clock.Elapsed;
                    var eta = TimeSpan.FromSeconds(elapsed.TotalSeconds / done * (pending.Count - done));
                    log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"[{done}/{pending.Count}] {(outcome.Succeeded ? "done  " : "FAILED")} {item.Cell.Name} ({(elapsed - started).TotalSeconds:F1}s){(outcome.Succeeded ? "" : ": " + outcome.Detail)}  - {failed.Count} failed, ETA {eta:hh\\:mm\\:ss}"));
                }
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return new Result(cells.Count, skipped, pending.Count - failed.Count, failed);
    }

    /// <summary>A run directory whose summary.json records a finished run.</summary>
    public static bool IsFinished(string directory)
    {
        var summary = Path.Combine(directory, "summary.json");
        if (!File.Exists(summary)) return false;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(summary));
            return json.RootElement.TryGetProperty("stop_reason", out var reason) && Finished.Contains(reason.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void WriteCellFile(string directory, Cell cell) =>
        File.WriteAllText(Path.Combine(directory, CellFile), JsonSerializer.Serialize(new
        {
            group = cell.GroupName,
            config = Path.GetFileNameWithoutExtension(cell.Config),
            seed = cell.Seed,
            values = cell.Values.ToDictionary(v => v.Key, v => v.Value.Trim('"')),
        }, new JsonSerializerOptions { WriteIndented = true }));
}
