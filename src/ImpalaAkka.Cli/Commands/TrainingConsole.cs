using System.Globalization;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;
using Spectre.Console;

namespace ImpalaAkka.Cli.Commands;

/// <summary>Shows a run's progress every <c>impala.run.log-every</c>: a live table on a terminal, plain lines otherwise; appends a metrics row (metrics.csv, TensorBoard events) at the same cadence.</summary>
internal static class TrainingConsole
{
    public static void Follow(Task training, TrainingMonitor monitor, RunMetrics metrics, ImpalaSettings settings, TextWriter output, bool interactive)
    {
        var interval = settings.Run.LogEvery > TimeSpan.Zero ? settings.Run.LogEvery : TimeSpan.FromSeconds(2);
        TrainingSnapshot? previous = null;
        if (interactive)
        {
            AnsiConsole.Live(Table(monitor.Snapshot(), null, settings)).Start(context =>
            {
                while (!Finished(training, interval))
                {
                    var snapshot = monitor.Snapshot();
                    metrics.Append(snapshot);
                    context.UpdateTarget(Table(snapshot, previous, settings));
                    previous = snapshot;
                }
                context.UpdateTarget(Table(monitor.Snapshot(), previous, settings));
            });
            return;
        }
        while (!Finished(training, interval))
        {
            var snapshot = monitor.Snapshot();
            metrics.Append(snapshot);
            output.WriteLine(Line(snapshot, previous, settings));
            previous = snapshot;
        }
    }

    /// <summary>Waits up to <paramref name="interval"/>; true once training has ended (successfully or not), without throwing its exception.</summary>
    private static bool Finished(Task training, TimeSpan interval) => Task.WaitAny([training], interval) == 0;

    private static (double Fps, double Sps) Rates(TrainingSnapshot s, TrainingSnapshot? previous)
    {
        var seconds = s.WallSeconds - (previous?.WallSeconds ?? 0);
        return seconds <= 0 ? (0, 0) : ((s.Frames - (previous?.Frames ?? 0)) / seconds, (s.LearnerSteps - (previous?.LearnerSteps ?? 0)) / seconds);
    }

    private static string F(double? value, string format = "F2") => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";

    internal static string Line(TrainingSnapshot s, TrainingSnapshot? previous, ImpalaSettings settings)
    {
        var (fps, sps) = Rates(s, previous);
        var m = s.Last;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{s.WallSeconds,7:F1}s] frames {s.Frames,9} ({fps,8:F0}/s)  steps {s.LearnerSteps,6} ({sps,5:F1}/s)  return {F(s.ReturnMean100)} (n={s.ReturnWindow})  lag mean {s.LagMean:F2} max {s.LagMax}  clip rho {F(m?.RhoClipFraction)} c {F(m?.CClipFraction)}  restarts {s.ActorRestarts}  loss {F(m?.TotalLoss, "F1")}")
            + (settings.Env.MultiTask ? "  by task " + ByTask(settings.Env.TaskNames, t => s.ReturnMean100ByTask.TryGetValue(t, out var r) ? r : null) : "");
    }

    /// <summary>"asterix 1.20 breakout - ...": each task's return, names without the prefix all of them share (e.g. "minatar-").</summary>
    internal static string ByTask(IReadOnlyList<string> tasks, Func<string, double?> returnOf)
    {
        var prefix = tasks.Aggregate((a, b) => string.Concat(a.Zip(b).TakeWhile(p => p.First == p.Second).Select(p => p.First)));
        var cut = tasks.Count > 1 ? prefix.LastIndexOf('-') + 1 : 0;
        return string.Join(" ", tasks.Select(t => $"{t[cut..]} {F(returnOf(t))}"));
    }

    private static Table Table(TrainingSnapshot s, TrainingSnapshot? previous, ImpalaSettings settings)
    {
        var (fps, sps) = Rates(s, previous);
        var m = s.Last;
        var table = new Table().Border(TableBorder.Rounded).Title($"IMPALA {settings.Env.Name} / {settings.Experiment} / seed {settings.Seed}");
        table.AddColumn("metric");
        table.AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(name, value);
        Row("wall time", $"{s.WallSeconds:F1} s");
        Row("frames", string.Create(CultureInfo.InvariantCulture, $"{s.Frames:N0} / {settings.Run.MaxFrames:N0}"));
        Row("frames/s", fps.ToString("F0", CultureInfo.InvariantCulture));
        Row("learner steps (per s)", string.Create(CultureInfo.InvariantCulture, $"{s.LearnerSteps:N0} ({sps:F1})"));
        Row("episodes", s.Episodes.ToString("N0", CultureInfo.InvariantCulture));
        Row("return, mean of last 100", $"{F(s.ReturnMean100)} (n={s.ReturnWindow})" + (settings.Run.TargetReturn is { } t ? $" target {t}" : ""));
        if (settings.Env.MultiTask)
        {
            Row("return by task", ByTask(settings.Env.TaskNames, t => s.ReturnMean100ByTask.TryGetValue(t, out var r) ? r : null));
        }
        Row("policy lag mean / max", string.Create(CultureInfo.InvariantCulture, $"{s.LagMean:F2} / {s.LagMax}"));
        Row("V-trace clipped: rho / c", $"{F(m?.RhoClipFraction, "P1")} / {F(m?.CClipFraction, "P1")}");
        Row("losses: total / pg / baseline", $"{F(m?.TotalLoss, "F2")} / {F(m?.PolicyLoss, "F2")} / {F(m?.BaselineLoss, "F2")}");
        Row("entropy, grad norm, lr", $"{F(m?.Entropy, "F3")}, {F(m?.GradNorm, "F2")}, {F(m?.LearningRate, "E2")}");
        Row("actor restarts / stopped", $"{s.ActorRestarts} / {s.ActorsStopped}");
        Row("dead letters", $"{s.DeadLetters}");
        Row("unrolls dropped", s.Dropped.Count == 0 ? "0" : string.Join(", ", s.Dropped.Select(p => $"{p.Key} {p.Value}")));
        return table;
    }

    public static void PrintSummary(RunSummary summary, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"impala train: stopped ({summary.StopReason}) after {summary.Frames} frames, {summary.LearnerSteps} learner steps, {summary.Episodes} episodes, {summary.WallSeconds:F1} s ({summary.FramesPerSecond:F0} frames/s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"impala train: return (mean of last 100) {F(summary.ReturnMean100)}, frames to target {summary.FramesToTarget?.ToString(CultureInfo.InvariantCulture) ?? "-"}, lag mean {summary.LagMean:F2} max {summary.LagMax}, actor restarts {summary.ActorRestarts}"));
        if (summary.ReturnMean100ByTask.Count > 1)
        {
            output.WriteLine($"impala train: return by task (mean of last 100) {ByTask([.. summary.ReturnMean100ByTask.Keys], t => summary.ReturnMean100ByTask[t])}");
        }
        if (summary.CheckpointError is not null) output.WriteLine($"impala train: WARNING: final checkpoint not written: {summary.CheckpointError}");
    }
}
