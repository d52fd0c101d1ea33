using System.Globalization;

namespace ImpalaAkka.Experiments;

/// <summary>
/// Progress for logs (CI, <c>| tee</c>): the plan, then exactly one line per finished cell, and for a
/// failed cell one more line with its reason. Nothing is written when a cell starts, so the lines
/// stay in finishing order and a log reads the same however many cells ran at once.
/// </summary>
public sealed class PlainProgressWriter(TextWriter output) : IExperimentObserver
{
    public void Planned(string experiment, int parallel, int resuming, ExperimentProgress progress) =>
        output.WriteLine(PlanLine(experiment, parallel, resuming, progress));

    public void CellFinished(Cell cell, CellOutcome outcome, TimeSpan duration, ExperimentProgress progress)
    {
        output.WriteLine(Line(cell, outcome, duration, progress));
        if (!outcome.Succeeded) output.WriteLine($"  reason: {Reason(outcome)}");
    }

    public static string PlanLine(string experiment, int parallel, int resuming, ExperimentProgress progress) =>
        $"impala experiment: {experiment}: {progress.Total} cells, {progress.Skipped} already finished, " +
        $"{progress.Total - progress.Skipped} to run{(resuming > 0 ? $" ({resuming} from a checkpoint)" : "")}, {parallel} at a time";

    /// <summary><c>[ 12/160] ok   config=catch__lag.k=8__seed=3  41.2 s  (3 failed, ETA 12 min)</c>: the count includes cells finished before and is padded to the total's width.</summary>
    internal static string Line(Cell cell, CellOutcome outcome, TimeSpan duration, ExperimentProgress progress)
    {
        var total = progress.Total.ToString(CultureInfo.InvariantCulture);
        var completed = progress.Completed.ToString(CultureInfo.InvariantCulture).PadLeft(total.Length);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{completed}/{total}] {(outcome.Succeeded ? "ok  " : "FAIL")} {cell.Name}  {duration.TotalSeconds:F1} s  ({progress.Failed} failed, {Left(progress)})");
    }

    public static string Left(ExperimentProgress progress) =>
        progress.Completed == progress.Total ? "none left"
        : progress.Eta is { } eta ? $"ETA {HumanDuration.Format(eta)}"
        : "ETA unknown";

    /// <summary>The end of the cell's output, or its exit code when it printed nothing.</summary>
    public static string Reason(CellOutcome outcome) =>
        outcome.Detail.Length > 0 ? outcome.Detail : string.Create(CultureInfo.InvariantCulture, $"exit code {outcome.ExitCode}");
}
