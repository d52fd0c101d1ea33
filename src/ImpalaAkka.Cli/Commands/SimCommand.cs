using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ImpalaAkka.Config;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;
using ImpalaAkka.Simulation;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala sim --config hocon/sim.conf [--seed N] [--set k=v ...] [--run-dir DIR]</c>: the whole system
/// in one thread on virtual time with seeded faults. Prints a summary and the lines
/// <c>trace-sha256: ...</c> and <c>params-sha256: ...</c>; writes trace.log, summary.json, config.json, metrics.csv and a TensorBoard event file.
/// With <c>--schedules N [--workers W]</c>: the fault-schedule search (<see cref="ScheduleSearch"/>) instead,
/// N random schedules from seed N.. each checked against every invariant; a violation prints the command that replays it.
/// </summary>
internal static class SimCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "simulation config (HOCON), e.g. hocon/sim.conf" };
        var sets = new Option<string[]>("--set", "-s") { Description = "override a key (repeatable)" };
        var seed = new Option<int?>("--seed") { Description = "impala.seed: drives interleaving, network, faults, environments and initialisation" };
        var runDir = new Option<DirectoryInfo?>("--run-dir") { Description = "where to write trace.log, summary.json, config.json, metrics.csv and the TensorBoard event file (default: runs/{env}__sim__{seed}__{time})" };
        var schedules = new Option<int?>("--schedules") { Description = $"search: run this many random fault schedules (1..{MaxSchedules}), schedule i from seed --seed + i, and check every invariant on each" };
        var workers = new Option<int?>("--workers") { Description = "search: simulations run at once (1..64, default: the number of cores)" };
        var command = new Command("sim", "Simulate the whole distributed system deterministically: virtual time, simulated network and broker, seeded faults.");
        foreach (var option in new Option[] { config, sets, seed, runDir, schedules, workers }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var assignments = (result.GetValue(sets) ?? []).ToList();
            if (result.GetValue(schedules) is { } n)
            {
                if (result.GetValue(runDir) is not null)
                {
                    error.WriteLine("impala sim: --run-dir does not apply to the search (--schedules N): it writes no run directories");
                    return CliApp.InvalidInput;
                }
                return Search(result.GetValue(config)?.FullName, assignments, n, result.GetValue(seed) ?? 1,
                    result.GetValue(workers) ?? Math.Min(Environment.ProcessorCount, MaxWorkers), output, error);
            }
            if (result.GetValue(workers) is not null)
            {
                error.WriteLine("impala sim: --workers only applies to the search (--schedules N)");
                return CliApp.InvalidInput;
            }
            if (result.GetValue(seed) is { } s) assignments.Add($"impala.seed={s}");
            return Run(result.GetValue(config)?.FullName, assignments, result.GetValue(runDir)?.FullName, output, error);
        });
        return command;
    }

    internal static int Run(string? configFile, IReadOnlyList<string> assignments, string? runDir, TextWriter output, TextWriter error)
    {
        ImpalaSettings settings;
        SimSettings sim;
        Config.Config resolved;
        try
        {
            resolved = SettingsLoader.LoadConfig(configFile, assignments);
            settings = SettingsLoader.Bind(resolved);
            sim = SimSettings.Bind(resolved);
        }
        catch (ConfigException e)
        {
            error.WriteLine($"impala sim: {e.Message}");
            return CliApp.InvalidInput;
        }
        RunDirectory run;
        try
        {
            run = runDir is { } dir ? RunDirectory.At(dir, resume: false, resumable: false) : RunDirectory.CreateNew(sim.Root, RunDirectory.Name(settings, DateTime.UtcNow));
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"impala sim: {e.Message}");
            return CliApp.InvalidInput;
        }
        var directory = run.Path;
        run.WriteConfig(resolved.Render());
        output.WriteLine($"impala sim: {settings.Env.Name}, seed {settings.Seed}, {sim.RolloutNodes} rollout nodes, {sim.Events.Count} scheduled faults -> {directory}");
        using var metrics = new RunMetrics(directory, TimeProvider.System, settings.Env.ReportedTasks);
        using var stop = new StopSignal();
        var result = Simulation.Simulation.Run(settings, sim, keepTrace: true, progress: output.WriteLine,
            onTrace: trace => File.WriteAllLines(Path.Combine(directory, "trace.log"), trace.Lines), onSnapshot: metrics.Append, cancellation: stop.Token);
        AtomicFile.Write(run.SummaryFile, s => s.Write(JsonSerializer.SerializeToUtf8Bytes(result, Json)));
        Print(result, output);
        // An interrupted run is written whole but did not reach its end: like an interrupted train, not a success.
        return result.InvariantsHeld && !stop.Token.IsCancellationRequested ? CliApp.Ok : CliApp.Failed;
    }

    /// <summary>The most schedules one search runs.</summary>
    internal const int MaxSchedules = 1_000_000;

    /// <summary>The most simulations a search runs at once.</summary>
    internal const int MaxWorkers = 64;

    internal static int Search(string? configFile, IReadOnlyList<string> assignments, int count, int firstSeed, int workers, TextWriter output, TextWriter error)
    {
        if (count is < 1 or > MaxSchedules)
        {
            error.WriteLine($"impala sim: --schedules must be in 1..{MaxSchedules}, got {count}");
            return CliApp.InvalidInput;
        }
        if (workers is < 1 or > MaxWorkers)
        {
            error.WriteLine($"impala sim: --workers must be in 1..{MaxWorkers}, got {workers}");
            return CliApp.InvalidInput;
        }
        if ((long)firstSeed + count - 1 > int.MaxValue)
        {
            error.WriteLine($"impala sim: --seed {firstSeed} with --schedules {count} runs past the largest seed ({int.MaxValue})");
            return CliApp.InvalidInput;
        }
        Config.Config Load(IReadOnlyList<string> schedule) => SettingsLoader.LoadConfig(configFile, [.. assignments, .. schedule]);
        try
        {
            // Bad input is refused here, before any simulation runs.
            var config = Load([]);
            _ = SettingsLoader.Bind(config);
            _ = SimSettings.Bind(config);
        }
        catch (ConfigException e)
        {
            error.WriteLine($"impala sim: {e.Message}");
            return CliApp.InvalidInput;
        }
        output.WriteLine($"impala sim: searching {count} fault schedules (seeds {firstSeed}..{firstSeed + (long)count - 1}) on {workers} workers");
        var every = Math.Max(1, count / 20);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var stop = new StopSignal();
        var summary = ScheduleSearch.Run(Load, count, firstSeed, workers, cancellation: stop.Token, onDone: (outcome, done) =>
        {
            if (!outcome.Held) output.WriteLine($"impala sim: schedule {outcome.Schedule.Seed} VIOLATED: {outcome.FirstProblem}");
            if (done % every == 0 || done == count)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"impala sim: {done}/{count} schedules, {done / Math.Max(1e-9, clock.Elapsed.TotalSeconds):F2}/s"));
            }
        });
        if (stop.Token.IsCancellationRequested) output.WriteLine($"impala sim: interrupted (SIGINT or SIGTERM) after {summary.Schedules} of {count} schedules; the counts below are theirs");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"impala sim: {summary.Schedules} schedules in {summary.WallSeconds:F1} s ({summary.SchedulesPerSecond:F2} schedules/s): {summary.FaultsApplied} faults applied, {summary.UnrollsLearned} unrolls learned, {summary.MessagesLost} messages lost; {summary.Violating} violating"));
        foreach (var failure in summary.Failures)
        {
            output.WriteLine($"impala sim: schedule {failure.Schedule.Seed}: faults {string.Join("; ", failure.Schedule.Events)}");
            foreach (var v in failure.Violations.Take(5)) output.WriteLine($"  {v}");
            var replay = string.Join(" ", failure.Schedule.Assignments.Select(a => $"--set '{a}'"));
            output.WriteLine($"  replay: impala sim{(configFile is null ? "" : $" --config {configFile}")} {string.Join(" ", assignments.Select(a => $"--set '{a}'"))} {replay}");
        }
        return summary.Violating == 0 && !stop.Token.IsCancellationRequested ? CliApp.Ok : CliApp.Failed;
    }

    private static void Print(SimResult r, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"impala sim: stopped ({r.StopReason}) at {r.VirtualSeconds:F2} s virtual ({r.WallSeconds:F1} s wall): {r.Frames} frames, {r.LearnerSteps} learner steps, version {r.FinalVersion}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"impala sim: return (mean of last 100) {(r.ReturnMean100 is { } ret ? ret.ToString("F3", CultureInfo.InvariantCulture) : "-")}, frames to target {(r.FramesToTarget?.ToString(CultureInfo.InvariantCulture) ?? "-")}, lag mean {r.LagMean:F2} max {r.LagMax}"));
        output.WriteLine($"impala sim: unrolls accepted {r.UnrollsAccepted}, learned {r.UnrollsLearned}, dropped {(r.UnrollsDropped.Count == 0 ? "0" : string.Join(", ", r.UnrollsDropped.Select(p => $"{p.Key} {p.Value}")))}, still queued {r.UnrollsQueuedAtEnd}, lost {r.Lost}, learned twice {r.LearnedTwice}");
        output.WriteLine($"impala sim: messages {r.MessagesSent}, lost {r.MessagesLost}, duplicated {r.MessagesDuplicated}, redeliveries {r.Redeliveries}, actor restarts {r.ActorRestarts}, faults {r.Faults.Count}");
        output.WriteLine(r.InvariantsHeld ? "impala sim: invariants held" : $"impala sim: INVARIANTS VIOLATED ({r.Violations.Count}):");
        foreach (var v in r.Violations.Take(20)) output.WriteLine($"  {v}");
        output.WriteLine($"trace-sha256: {r.TraceSha256}");
        output.WriteLine($"params-sha256: {r.ParamsSha256}");
    }
}
