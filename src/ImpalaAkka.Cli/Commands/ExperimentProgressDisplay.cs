using System.Globalization;
using ImpalaAkka.Experiments;
using Spectre.Console;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// An experiment's live progress on a terminal: one bar of the grid's cells done, with the running,
/// failed and ETA beside it. The plan and every failure with its reason print above the bar and stay.
/// </summary>
internal sealed class ExperimentProgressDisplay(ProgressTask bar, ExperimentStatusColumn status, IAnsiConsole console) : IExperimentObserver
{
    /// <summary>Shows the display for as long as <paramref name="run"/> takes, and returns its result.</summary>
    public static T Follow<T>(Func<IExperimentObserver, Task<T>> run)
    {
        var status = new ExperimentStatusColumn { Markup = "expanding the grid" };
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), status)
            .StartAsync(async context =>
            {
                try
                {
                    return await run(new ExperimentProgressDisplay(context.AddTask("experiment", maxValue: 1), status, AnsiConsole.Console)).ConfigureAwait(false);
                }
                finally
                {
                    // Spectre skips its last redraw when the run throws (Ctrl-C): keep the final counts on screen.
                    context.Refresh();
                }
            })
            .GetAwaiter().GetResult();
    }

    public void Planned(string experiment, int parallel, int resuming, ExperimentProgress progress)
    {
        console.MarkupLine(Markup.Escape(PlainProgressWriter.PlanLine(experiment, parallel, resuming, progress)));
        bar.Description = Markup.Escape(experiment);
        bar.MaxValue = progress.Total;
        Show(progress);
    }

    public void CellStarted(Cell cell, ExperimentProgress progress) => Show(progress);

    public void CellFinished(Cell cell, CellOutcome outcome, TimeSpan duration, ExperimentProgress progress)
    {
        if (!outcome.Succeeded)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[red]FAIL[/] {Markup.Escape(cell.Name)}  {duration.TotalSeconds:F1} s: {Markup.Escape(PlainProgressWriter.Reason(outcome))}"));
        }
        Show(progress);
    }

    private void Show(ExperimentProgress p)
    {
        bar.Value = p.Completed;
        var failed = p.Failed > 0 ? $"[red]{p.Failed} failed[/]" : "0 failed";
        status.Markup = $"{p.Completed}/{p.Total} done, {p.Running} running, {failed}, {Markup.Escape(PlainProgressWriter.Left(p))}";
    }
}
