using System.Globalization;
using System.Text;
using System.Text.Json;
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

    /// <summary>The groups, the number of runs, every plot file written (relative to <c>plots/</c>) and the headline's PNG.</summary>
    public sealed record Output(IReadOnlyList<GroupSummary> Groups, int Runs, IReadOnlyList<string> Plots, string MainPlot);

    public static Output Write(string directory)
    {
        var runsDirectory = Path.Combine(directory, "runs");
        var runs = Directory.Exists(runsDirectory)
            ? Directory.GetDirectories(runsDirectory).OrderBy(d => d, StringComparer.Ordinal).Select(RunRecord.Load).OfType<RunRecord>().ToList()
            : [];
        if (runs.Count == 0) throw new InvalidOperationException($"{directory}: no finished runs under runs/ (run 'impala experiment run' first)");
        var info = File.Exists(Path.Combine(directory, "experiment.json"))
            ? JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "experiment.json"))).RootElement.Clone()
            : default;
        var name = info.ValueKind == JsonValueKind.Object ? info.GetProperty("name").GetString()! : Path.GetFileName(Path.GetFullPath(directory));
        var axes = runs[0].Values.Keys.ToList();
        var groups = GroupSummary.From(runs);

        var (files, links, headline) = WritePlots(ReportFigures.Build(groups, axes, ReturnRangeOf), directory);

        var content = Content(name, info, groups, axes, runs.Count, headline, links);
        File.WriteAllText(Path.Combine(directory, "summary.csv"), Csv(groups, axes));
        File.WriteAllText(Path.Combine(directory, "report.md"), MarkdownPage.Write(content));
        File.WriteAllText(Path.Combine(directory, "report.html"), HtmlPage.Write(content));
        return new Output(groups, runs.Count, files, Path.GetFileName(headline.Png));
    }

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

    private static ReportContent Content(string name, JsonElement info, IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes, int runs,
        PlotLink headline, IReadOnlyList<PlotLink> plots)
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
            Grid(info, groups, axes, runs, configs),
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

    private static string Question(JsonElement info, IReadOnlyList<string> axes, IReadOnlyList<string> configs)
    {
        if (info.ValueKind == JsonValueKind.Object && info.TryGetProperty("question", out var q) && q.ValueKind == JsonValueKind.String) return q.GetString()!;
        var on = string.Join(" and ", configs.Select(c => $"`{c}`"));
        return axes.Count == 0
            ? $"How well and how fast does IMPALA learn on {on}? (Generated: the experiment file states no `question`.)"
            : $"How do {string.Join(" and ", axes.Select(a => $"`{a}`"))} change the final return and the area under the learning curve on {on}? " +
              "(Generated: the experiment file states no `question`.)";
    }

    private static List<string> Grid(JsonElement info, IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes, int runs, List<(string Config, string Env)> configs)
    {
        string Range(string env) => ReturnRangeOf(env) is { } r ? $"returns in [{F(r.Min)}, {F(r.Max)}]" : "return range unknown";
        var lines = new List<string>
        {
            "base configs: " + string.Join(", ", configs.Select(c => $"`{c.Config}` (env `{c.Env}`, {Range(c.Env)})")) +
                "; bands and error bars are clipped to each environment's return range",
        };
        if (info.ValueKind == JsonValueKind.Object)
        {
            lines.Add($"wiring `{info.GetProperty("wiring").GetString()}`; seeds {string.Join(", ", info.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()))}; " +
                $"frames per run: {info.GetProperty("frames").GetString()}; threshold: {info.GetProperty("threshold").GetString()}");
            var grid = info.GetProperty("grid").EnumerateObject().Select(p => $"`{p.Name}` = [{string.Join(", ", p.Value.EnumerateArray().Select(v => v.GetString()))}]").ToList();
            lines.Add("grid: " + (grid.Count == 0 ? "none (one point per base config)" : string.Join(" x ", grid)));
            var set = info.GetProperty("set").EnumerateObject().Select(p => $"`{p.Name}` = {p.Value.GetString()}").ToList();
            lines.Add("fixed in every cell: " + (set.Count == 0 ? "nothing beyond the base configs" : string.Join(", ", set)));
        }
        else
        {
            lines.Add("grid axes: " + (axes.Count == 0 ? "none" : string.Join(", ", axes.Select(a => $"`{a}`"))) + " (no experiment.json: wiring, seeds and fixed settings unknown)");
        }
        lines.Add($"{runs} finished runs in {groups.Count} grid points");
        return lines;
    }
}
