using System.CommandLine;
using ImpalaAkka.Config;
using ImpalaAkka.Experiments;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala experiment run FILE [--parallel N] [--out DIR] [--plain]</c> expands and runs a grid (resumable), with a
/// live progress bar on a terminal and one line per finished cell otherwise;
/// <c>impala experiment report DIR</c> aggregates its runs into summary.csv, report.md, report.html and plots (SVG and PNG).
/// </summary>
internal static class ExperimentCommand
{
    /// <summary>The most cells run at once.</summary>
    public const int MaxParallel = 256;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("experiment", "Run ablation grids over lag and truncation, and report them.");
        command.Subcommands.Add(RunCommand(output, error));
        command.Subcommands.Add(ReportCommand(output, error));
        return command;
    }

    private static Command RunCommand(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("file") { Description = "experiment file, e.g. experiments/lag-ablation.conf" };
        var parallel = new Option<int?>("--parallel", "-j") { Description = "cells run at once (default: cores / 2, at least 1; each run uses about two cores)" };
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "results folder (default: experiments/results/{name})" };
        var report = new Option<bool>("--no-report") { Description = "skip writing the report after the runs" };
        var plain = new Option<bool>("--plain") { Description = "one line per finished cell instead of the live progress bar (the default when output is redirected)" };
        var maxCells = new Option<long?>("--max-cells")
        {
            Description = $"run a grid of up to this many cells, 1..{ExperimentSpec.CellLimit:N0} (default {ExperimentSpec.DefaultMaxCells:N0}); a larger grid is refused before anything is made",
        };
        var command = new Command("run", "Expand the grid and run every cell as its own process; a rerun skips finished cells.");
        command.Arguments.Add(file);
        command.Options.Add(parallel);
        command.Options.Add(outDir);
        command.Options.Add(report);
        command.Options.Add(plain);
        command.Options.Add(maxCells);
        command.SetAction(result =>
        {
            ExperimentSpec spec;
            try
            {
                spec = ExperimentSpec.Load(result.GetValue(file)!.FullName);
            }
            catch (ConfigException e)
            {
                error.WriteLine($"impala experiment: {e.Message}");
                return CliApp.InvalidInput;
            }
            var n = result.GetValue(parallel) ?? Math.Clamp(Environment.ProcessorCount / 2, 1, MaxParallel);
            if (n is < 1 or > MaxParallel)
            {
                error.WriteLine($"impala experiment: --parallel must be in 1..{MaxParallel}, got {n}");
                return CliApp.InvalidInput;
            }
            var limit = result.GetValue(maxCells) ?? ExperimentSpec.DefaultMaxCells;
            if (limit is < 1 or > ExperimentSpec.CellLimit)
            {
                error.WriteLine($"impala experiment: --max-cells must be in 1..{ExperimentSpec.CellLimit}, got {limit}");
                return CliApp.InvalidInput;
            }
            // The count is known from the spec alone: nothing is expanded, written or run before it is accepted.
            output.WriteLine($"impala experiment: {spec.Name}: {spec.CellCountText}");
            if (spec.CellCount > limit)
            {
                var hint = spec.CellCount > ExperimentSpec.CellLimit
                    ? $"more than the most one experiment runs ({ExperimentSpec.CellLimit:N0}); split the grid"
                    : $"more than --max-cells {limit:N0}{(result.GetValue(maxCells) is null ? " (the default)" : "")}; pass --max-cells {spec.CellCount} to run them all";
                error.WriteLine($"impala experiment: {spec.SourceFile}: the grid expands to {spec.CellCountText}, {hint}");
                return CliApp.InvalidInput;
            }
            var cells = GridExpansion.Expand(spec);
            var problems = ExperimentPreflight.Check(spec, cells);
            if (problems.Count > 0)
            {
                foreach (var line in ExperimentPreflight.Describe(spec.SourceFile, spec.Configs.Count * spec.PointCount, problems)) error.WriteLine($"impala experiment: {line}");
                return CliApp.InvalidInput;
            }
            var directory = result.GetValue(outDir)?.FullName ?? Path.Combine("experiments", "results", spec.Name);
            var impalaDll = typeof(ExperimentCommand).Assembly.Location;
            var executor = new ProcessCellExecutor(Environment.ProcessPath ?? "dotnet", impalaDll);
            using var stop = new StopSignal();
            try
            {
                Task<ExperimentRunner.Result> Run(IExperimentObserver observer) =>
                    new ExperimentRunner(spec, directory, executor, n, observer, TimeProvider.System).RunAsync(stop.Token);
                var outcome = !result.GetValue(plain) && !Console.IsOutputRedirected
                    ? ExperimentProgressDisplay.Follow(Run)
                    : Run(new PlainProgressWriter(output)).GetAwaiter().GetResult();
                output.WriteLine($"impala experiment: {outcome.Succeeded} cells run, {outcome.Skipped} skipped (finished before), {outcome.Failed.Count} failed");
                foreach (var (cell, detail) in outcome.Failed) output.WriteLine($"  FAILED {cell}: {detail}");
                if (!result.GetValue(report)) WriteReport(directory, output, error);
                return outcome.Failed.Count == 0 ? CliApp.Ok : CliApp.Failed;
            }
            catch (OperationCanceledException)
            {
                error.WriteLine("impala experiment: interrupted; run the same command again to continue");
                return CliApp.Failed;
            }
        });
        return command;
    }

    private static Command ReportCommand(TextWriter output, TextWriter error)
    {
        var directory = new Argument<DirectoryInfo>("dir") { Description = "an experiment results folder (holding runs/)" };
        var command = new Command("report", "Aggregate an experiment's runs: summary.csv, report.md, report.html, plots/*.svg and *.png.");
        command.Arguments.Add(directory);
        command.SetAction(result => WriteReport(result.GetValue(directory)!.FullName, output, error));
        return command;
    }

    /// <summary>Writes the report; its warnings (runs left out, and why) go to <paramref name="error"/> either way.</summary>
    private static int WriteReport(string directory, TextWriter output, TextWriter error)
    {
        try
        {
            var report = ExperimentReport.Write(directory);
            Warn(error, report.Warnings);
            output.WriteLine($"impala experiment: report of {report.Runs} runs in {report.Groups.Count} groups -> {Path.Combine(directory, "report.md")}, report.html, {report.Plots.Count} plot files (headline: plots/{report.MainPlot})");
            return CliApp.Ok;
        }
        catch (NoFinishedRunsException e)
        {
            Warn(error, e.Warnings);
            error.WriteLine($"impala experiment: {e.Message}");
            return CliApp.InvalidInput;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"impala experiment: {e.Message}");
            return CliApp.InvalidInput;
        }
    }

    private static void Warn(TextWriter error, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings) error.WriteLine($"impala experiment: warning: {warning}");
    }
}
