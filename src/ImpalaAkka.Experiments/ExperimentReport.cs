using System.Globalization;
using System.Text;
using ImpalaAkka.Environments;
using ImpalaAkka.Experiments.Findings;
using ImpalaAkka.Experiments.Page;
using ImpalaAkka.Experiments.Plots;

namespace ImpalaAkka.Experiments;

/// <summary>
/// Aggregates an experiment directory's runs into <c>summary.csv</c>, one page in two forms
/// (<c>report.md</c> and an offline <c>report.html</c>: question, grid, headline figure, table,
/// findings, plots, runs) and <c>plots/NAME.svg</c> + <c>plots/NAME.png</c> for every figure, with
/// <c>plots/main.*</c> the headline. <c>plots/</c> is replaced whole, so no stale plot survives.
/// </summary>
public static class ExperimentReport
{
    public const string MainPlot = "main";

    private static string F(double v, string format = "0.###") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    /// <summary>
    /// The groups, the number of runs, every plot file written (relative to <c>plots/</c>), the headline's PNG, and one line
    /// per problem found on the way (a run left out, an unreadable experiment.json), each saying what was done about it.
    /// </summary>
    public sealed record Output(IReadOnlyList<GroupSummary> Groups, int Runs, IReadOnlyList<string> Plots, string MainPlot, IReadOnlyList<string> Warnings);

    /// <summary>
    /// Writes the report of every finished run under <c>runs/</c>. A run with an unreadable cell.json, summary.json or
    /// config.json, or whose grid axes are not the experiment's, is left out with a warning naming it, the file and the
    /// reason; unfinished runs are left out with one warning for all; an unreadable experiment.json is reported as if absent.
    /// </summary>
    /// <exception cref="NoFinishedRunsException">no run is left to report (its warnings say why each was left out).</exception>
    public static Output Write(string directory)
    {
        var runsDirectory = Path.Combine(directory, "runs");
        var folders = Directory.Exists(runsDirectory)
            ? Directory.GetDirectories(runsDirectory).OrderBy(d => d, StringComparer.Ordinal).Select(RunRecord.Load).ToList()
            : [];
        var warnings = new List<string>();
        ExperimentInfo? info = null;
        var infoNote = "no experiment.json";
        try
        {
            info = ExperimentInfo.Read(directory);
        }
        catch (InvalidDataException e)
        {
            warnings.Add($"{e.Message}; the report names the experiment after its folder and leaves out its settings");
            infoNote = $"`{ExperimentInfo.FileName}` unreadable";
        }
        var (runs, leftOut) = Usable(folders, info);
        warnings.AddRange(Warnings(leftOut));
        if (runs.Count == 0)
        {
            throw new NoFinishedRunsException($"{directory}: no finished runs under runs/ (run 'impala experiment run' first)", warnings);
        }
        var name = info?.Name ?? Path.GetFileName(Path.GetFullPath(directory));
        var axes = runs[0].Values.Keys.ToList();
        var groups = GroupSummary.From(runs);

        var (files, links, headline) = WritePlots(ReportFigures.Build(groups, axes, ReturnRangeOf), directory);

        var content = Content(name, info, infoNote, groups, axes, runs.Count, leftOut, headline, links);
        File.WriteAllText(Path.Combine(directory, "summary.csv"), Csv(groups, axes));
        File.WriteAllText(Path.Combine(directory, "report.md"), MarkdownPage.Write(content));
        File.WriteAllText(Path.Combine(directory, "report.html"), HtmlPage.Write(content));
        return new Output(groups, runs.Count, files, Path.GetFileName(headline.Png), warnings);
    }

    /// <summary>
    /// The finished runs whose grid axes are the experiment's (experiment.json's grid, else those of most runs, so that a
    /// stray run from another grid cannot break the table), and every folder left out.
    /// </summary>
    private static (List<RunRecord> Runs, List<RunFolder> LeftOut) Usable(IReadOnlyList<RunFolder> folders, ExperimentInfo? info)
    {
        var finished = folders.OfType<RunFolder.Finished>().Select(f => f.Run).ToList();
        var leftOut = folders.Where(f => f is not RunFolder.Finished).ToList();
        static string Key(IEnumerable<string> axes) => string.Join(", ", axes.Order(StringComparer.Ordinal));
        var expected = info is not null
            ? Key(info.Grid.Keys)
            : finished.GroupBy(r => Key(r.Values.Keys)).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        var runs = new List<RunRecord>();
        foreach (var run in finished)
        {
            if (Key(run.Values.Keys) == expected) runs.Add(run);
            else leftOut.Add(new RunFolder.Unusable(run.Directory, ExperimentRunner.CellFile, $"has grid axes ({Key(run.Values.Keys)}), not the experiment's ({expected})"));
        }
        return (runs, leftOut);
    }

    /// <summary>One line per unusable run, then one line for all unfinished ones, naming a few.</summary>
    private static IEnumerable<string> Warnings(IReadOnlyList<RunFolder> leftOut)
    {
        foreach (var bad in leftOut.OfType<RunFolder.Unusable>()) yield return $"runs/{bad.Directory}: {bad.File} {bad.Reason}; left out of the report";
        var unfinished = leftOut.OfType<RunFolder.Unfinished>().ToList();
        if (unfinished.Count == 0) yield break;
        const int Named = 3;
        var names = string.Join(", ", unfinished.Take(Named).Select(u => $"runs/{u.Directory} ({u.Why})"));
        var more = unfinished.Count > Named ? $" and {unfinished.Count - Named} more" : "";
        yield return $"{Plural(unfinished.Count, "unfinished run")} (no summary.json, or stopped before its goal) left out of the report: {names}{more}";
    }

    private static string Plural(int n, string thing) => n == 1 ? $"1 {thing}" : $"{n} {thing}s";

    /// <summary>
    /// Draws every figure and the headline into a fresh folder that replaces <c>plots/</c> only once
    /// all are written, so a failure (no font, say) leaves the previous report whole.
    /// </summary>
    private static (List<string> Files, List<PlotLink> Links, PlotLink Headline) WritePlots(FigureSet figures, string directory)
    {
        var plotDirectory = Path.Combine(directory, "plots");
        var staging = Path.Combine(directory, "plots.partial");
        if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        Directory.CreateDirectory(staging);
        var files = new List<string>();
        var links = new List<PlotLink>();
        PlotLink headline;
        try
        {
            foreach (var figure in figures.All)
            {
                var (svg, png) = FigureRenderer.Save(figure, staging);
                files.AddRange([svg, png]);
                links.Add(new PlotLink(figure.Title, $"plots/{svg}", $"plots/{png}"));
            }
            var (mainSvg, mainPng) = FigureRenderer.SaveComposite(figures.Headline, staging, MainPlot);
            files.AddRange([mainSvg, mainPng]);
            headline = new PlotLink("Headline: " + string.Join("; ", figures.Headline.Select(f => f.Title)), $"plots/{mainSvg}", $"plots/{mainPng}");
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
        if (Directory.Exists(plotDirectory)) Directory.Delete(plotDirectory, recursive: true);
        Directory.Move(staging, plotDirectory);
        return (files, links, headline);
    }

    /// <summary>The return range of a shipped environment; null for any other name (its plots are then scaled to the data).</summary>
    internal static ReturnRange? ReturnRangeOf(string env) =>
        ImpalaAkka.Environments.Environments.Names.Contains(env) ? ImpalaAkka.Environments.Environments.SpecOf(env).Returns : null;

    private static string Csv(IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes)
    {
        var b = new StringBuilder();
        b.AppendLine(string.Join(",", ["group", "config", .. axes, "runs", "final_return_mean", "final_return_ci95", "auc_mean", "auc_ci95",
            "frames_to_threshold_mean", "frames_to_threshold_ci95", "reached_threshold", "lag_mean", "lag_max", "rho_clip_fraction", "c_clip_fraction"]));
        foreach (var g in groups)
        {
            b.AppendLine(string.Join(",", [g.Group, g.Config, .. axes.Select(a => g.Values[a]), g.Runs.ToString(CultureInfo.InvariantCulture),
                F(g.FinalReturn.Mean, "0.####"), F(g.FinalReturn.Ci, "0.####"), F(g.Auc.Mean, "0.####"), F(g.Auc.Ci, "0.####"),
                F(g.FramesToThreshold.Mean, "0"), F(g.FramesToThreshold.Ci, "0"), g.Reached.ToString(CultureInfo.InvariantCulture),
                F(g.LagMean, "0.##"), g.LagMax.ToString(CultureInfo.InvariantCulture), F(g.RhoClip, "0.###"), F(g.CClip, "0.###")]));
        }
        return b.ToString();
    }

    private static string Cell((double Mean, double Ci) v, string format) =>
        double.IsFinite(v.Mean) ? F(v.Mean, format) + (double.IsFinite(v.Ci) ? " ± " + F(v.Ci, format) : "") : "-";

    private static ReportContent Content(string name, ExperimentInfo? info, string infoNote, IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes, int runs,
        IReadOnlyList<RunFolder> leftOut, PlotLink headline, IReadOnlyList<PlotLink> plots)
    {
        var configs = groups.Select(g => (g.Config, g.Env)).Distinct().ToList();
        var header = new List<string> { "config" };
        header.AddRange(axes.Select(a => $"`{a}`"));
        header.AddRange(["runs (seed: run folder)", "final return", "AUC", "frames to threshold (reached)", "lag mean / max", "clipped rho / c"]);
        var rows = groups.Select(g => (IReadOnlyList<string>)
        [
            g.Config, .. axes.Select(a => g.Values[a]),
            $"{g.Runs}: {string.Join(" ", g.RunDirectories.Select(r => $"[{r.Seed}](runs/{r.Directory}/)"))}",
            Cell(g.FinalReturn, "0.###"), Cell(g.Auc, "0.###"),
            $"{(g.Reached > 0 ? Cell(g.FramesToThreshold, "0") : "-")} ({g.Reached}/{g.Runs})",
            $"{F(g.LagMean, "0.#")} / {g.LagMax}", $"{F(g.RhoClip, "0.##")} / {F(g.CClip, "0.##")}",
        ]).ToList();
        return new ReportContent(
            name,
            Question(info, axes, configs.Select(c => c.Config).ToList()),
            Grid(info, infoNote, groups, axes, runs, leftOut, configs),
            headline,
            "Each row aggregates one grid point over its seeds: mean ± half-width of the 95% confidence interval (Student's t; none with one seed). " +
                "Final return is the mean return of the last 100 episodes at the end of the run; AUC is the area under the learning curve divided by its length " +
                "(the average of that mean return over training); frames to threshold averages the seeds that reached it.",
            header,
            rows,
            "Computed from the table. One grid point is said to be above or below another only where their 95% confidence intervals are disjoint " +
                "(a conservative test: two disjoint 95% CIs reject equal means well below the 5% level); where the intervals overlap or touch they are called tied, " +
                "and a point from a single seed has no interval and is compared with nothing.",
            [.. FindingsBuilder.Build(groups, axes, Metric.FinalReturn), .. FindingsBuilder.Build(groups, axes, Metric.Auc)],
            plots,
            $"Each seed number in the table links to that run's folder under `runs/` (its `config.json`, `metrics.csv`, `summary.json`, logs and checkpoint), {runs} in all. " +
                "The run folders are not committed to git (`.gitignore`), so these links work only in the results folder where the experiment ran; " +
                "everything else on this page is committed beside it.");
    }

    private static string Question(ExperimentInfo? info, IReadOnlyList<string> axes, IReadOnlyList<string> configs)
    {
        if (info?.Question is { } q) return q;
        var on = string.Join(" and ", configs.Select(c => $"`{c}`"));
        return axes.Count == 0
            ? $"How well and how fast does IMPALA learn on {on}? (Generated: the experiment file states no `question`.)"
            : $"How do {string.Join(" and ", axes.Select(a => $"`{a}`"))} change the final return and the area under the learning curve on {on}? " +
              "(Generated: the experiment file states no `question`.)";
    }

    private static List<string> Grid(ExperimentInfo? info, string infoNote, IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes, int runs,
        IReadOnlyList<RunFolder> leftOut, List<(string Config, string Env)> configs)
    {
        string Range(string env) => ReturnRangeOf(env) is { } r ? $"returns in [{F(r.Min)}, {F(r.Max)}]" : "return range unknown";
        var lines = new List<string>
        {
            "base configs: " + string.Join(", ", configs.Select(c => $"`{c.Config}` (env `{c.Env}`, {Range(c.Env)})")) +
                "; bands and error bars are clipped to each environment's return range",
        };
        if (info is not null)
        {
            lines.Add($"wiring `{info.Wiring}`; seeds {string.Join(", ", info.Seeds)}; frames per run: {info.Frames}; threshold: {info.Threshold}");
            var grid = info.Grid.Select(p => $"`{p.Key}` = [{string.Join(", ", p.Value)}]").ToList();
            lines.Add("grid: " + (grid.Count == 0 ? "none (one point per base config)" : string.Join(" x ", grid)));
            var set = info.Set.Select(p => $"`{p.Key}` = {p.Value}").ToList();
            lines.Add("fixed in every cell: " + (set.Count == 0 ? "nothing beyond the base configs" : string.Join(", ", set)));
        }
        else
        {
            lines.Add("grid axes: " + (axes.Count == 0 ? "none" : string.Join(", ", axes.Select(a => $"`{a}`"))) + $" ({infoNote}: wiring, seeds and fixed settings unknown)");
        }
        lines.Add($"{runs} finished runs in {groups.Count} grid points" + LeftOut(leftOut));
        return lines;
    }

    /// <summary>The page's account of the runs left out: how many were unfinished, and which file of each other one was unusable.</summary>
    private static string LeftOut(IReadOnlyList<RunFolder> leftOut)
    {
        if (leftOut.Count == 0) return "";
        var parts = new List<string>();
        var unfinished = leftOut.OfType<RunFolder.Unfinished>().Count();
        if (unfinished > 0) parts.Add($"{unfinished} unfinished (no `summary.json`, or stopped before its goal)");
        var unusable = leftOut.OfType<RunFolder.Unusable>().ToList();
        if (unusable.Count > 0) parts.Add($"{unusable.Count} with an unusable file: {string.Join(", ", unusable.Select(u => $"`runs/{u.Directory}/{u.File}`"))}");
        return $"; {leftOut.Count} more left out: {string.Join("; ", parts)} (`impala experiment report` prints why)";
    }
}
