using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ImpalaAkka.Experiments;

/// <summary>
/// Aggregates an experiment directory's runs into <c>summary.csv</c>, <c>report.md</c>, an offline
/// <c>report.html</c> and <c>plots/*.svg</c> (<c>plots/main.svg</c> is the headline plot): learning
/// curves with 95% bands per grid point, final return against lag per series when the grid varies
/// <c>lag.k</c>, and a heatmap of final return when the grid has two axes.
/// </summary>
public static class ExperimentReport
{
    private static string F(double v, string format = "0.###") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

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
        var plots = Plots(groups, axes);
        var plotDirectory = Path.Combine(directory, "plots");
        Directory.CreateDirectory(plotDirectory);
        foreach (var (file, svg) in plots) File.WriteAllText(Path.Combine(plotDirectory, file), svg);
        var main = plots.FirstOrDefault(p => p.File.StartsWith("final-return", StringComparison.Ordinal) || p.File.StartsWith("heatmap", StringComparison.Ordinal));
        main = main.File is null ? plots[0] : main;
        File.WriteAllText(Path.Combine(plotDirectory, "main.svg"), main.Svg);
        File.WriteAllText(Path.Combine(directory, "summary.csv"), Csv(groups, axes));
        File.WriteAllText(Path.Combine(directory, "report.md"), Markdown(name, info, groups, axes, runs.Count, plots.Select(p => p.File).ToList()));
        File.WriteAllText(Path.Combine(directory, "report.html"), Html(name, info, groups, axes, runs.Count, plots));
        return new Output(groups, runs.Count, plots.Select(p => p.File).ToList(), main.File);
    }

    private static string Series(GroupSummary g, string axis) => axis == "config" ? g.Config : g.Values[axis];

    /// <summary>The axis drawn as separate lines: the correction method if it varies, otherwise the last grid axis.</summary>
    private static string? SeriesAxis(IReadOnlyList<string> axes) =>
        axes.Contains("learner.correction") ? "learner.correction" : axes.LastOrDefault();

    private static List<(string File, string Svg)> Plots(IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes)
    {
        var plots = new List<(string, string)>();
        var seriesAxis = SeriesAxis(axes);
        var facetAxes = axes.Where(a => a != seriesAxis).ToList();
        string Facet(GroupSummary g) => string.Join(", ", [g.Config, .. facetAxes.Select(a => $"{a}={g.Values[a]}")]);

        var lagAxis = axes.Contains("lag.k") ? "lag.k" : null;
        if (lagAxis is not null)
        {
            var lineAxis = axes.Contains("learner.correction") ? "learner.correction" : axes.FirstOrDefault(a => a != lagAxis);
            var otherAxes = axes.Where(a => a != lagAxis && a != lineAxis).ToList();
            foreach (var facet in groups.GroupBy(g => string.Join(", ", [g.Config, .. otherAxes.Select(a => $"{a}={g.Values[a]}")])))
            {
                var lags = facet.Select(g => g.Values[lagAxis]).Distinct().Order(GridValueComparer.Instance).ToList();
                var series = facet.GroupBy(g => lineAxis is null ? "" : g.Values[lineAxis]).Select(s => new Series(s.Key,
                    [.. s.Select(g => ((double)lags.IndexOf(g.Values[lagAxis]), g.FinalReturn.Mean, g.FinalReturn.Mean - g.FinalReturn.Ci, g.FinalReturn.Mean + g.FinalReturn.Ci)).OrderBy(p => p.Item1)])).ToList();
                plots.Add(($"final-return-vs-lag__{Slug(facet.Key)}.svg",
                    Svg.LineChart($"Final return vs policy lag ({facet.Key})", "injected lag (versions)", "return, mean of last 100 (95% CI)", series, lags)));
            }
        }
        if (axes.Count == 2)
        {
            var (rowAxis, columnAxis) = (axes[0], axes[1]);
            foreach (var facet in groups.GroupBy(g => g.Config))
            {
                var rows = facet.Select(g => g.Values[rowAxis]).Distinct().Order(GridValueComparer.Instance).ToList();
                var columns = facet.Select(g => g.Values[columnAxis]).Distinct().Order(GridValueComparer.Instance).ToList();
                var values = new double[rows.Count, columns.Count];
                var ci = new double[rows.Count, columns.Count];
                for (var r = 0; r < rows.Count; r++)
                for (var c = 0; c < columns.Count; c++)
                {
                    var g = facet.FirstOrDefault(x => x.Values[rowAxis] == rows[r] && x.Values[columnAxis] == columns[c]);
                    (values[r, c], ci[r, c]) = g is null ? (double.NaN, double.NaN) : g.FinalReturn;
                }
                plots.Add(($"heatmap__{Slug(facet.Key)}.svg",
                    Svg.Heatmap($"Final return: {rowAxis} x {columnAxis} ({facet.Key})", columnAxis, rowAxis, columns, rows, values, ci)));
            }
        }
        foreach (var facet in groups.GroupBy(Facet))
        {
            var series = facet.Select(g => new Series(seriesAxis is null ? "" : g.Values[seriesAxis],
                [.. g.Curve.Select(p => (p.Frames, p.Mean, p.Low, p.High))])).ToList();
            plots.Add(($"learning-curves__{Slug(facet.Key)}.svg",
                Svg.LineChart($"Learning curves ({facet.Key})", "environment frames", "return, mean of last 100 (95% band)", series)));
        }
        return plots;
    }

    private static string Slug(string text) => new([.. text.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_')]);

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

    private static string Setup(JsonElement info, int runs)
    {
        if (info.ValueKind != JsonValueKind.Object) return $"{runs} runs.";
        return $"Wiring `{info.GetProperty("wiring").GetString()}`, base configs {string.Join(", ", info.GetProperty("configs").EnumerateArray().Select(c => $"`{c}`"))}, " +
            $"seeds {string.Join(", ", info.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()))}, frames per run: {info.GetProperty("frames").GetString()}, " +
            $"threshold: {info.GetProperty("threshold").GetString()}; " +
            $"grid {string.Join(" x ", info.GetProperty("grid").EnumerateObject().Select(p => $"`{p.Name}` = [{string.Join(", ", p.Value.EnumerateArray().Select(v => v.GetString()))}]"))}; " +
            $"fixed {string.Join(", ", info.GetProperty("set").EnumerateObject().Select(p => $"`{p.Name}` = {p.Value.GetString()}"))}. {runs} runs.";
    }

    private static string Markdown(string name, JsonElement info, IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes, int runs, IReadOnlyList<string> plots)
    {
        var b = new StringBuilder();
        b.AppendLine($"# Experiment `{name}`").AppendLine();
        b.AppendLine(Setup(info, runs)).AppendLine();
        b.AppendLine("Each row aggregates one grid point over its seeds: mean ± half-width of the 95% confidence interval (Student's t). " +
            "*Final return* is the mean return of the last 100 episodes at the end of the run; *AUC* is the area under the learning curve divided by its length " +
            "(the average of that mean return over training); *frames to threshold* averages the seeds that reached it.").AppendLine();
        b.AppendLine("| config | " + string.Join(" | ", axes) + " | runs | final return | AUC | frames to threshold (reached) | lag mean / max | clipped rho / c |");
        b.AppendLine("|---|" + string.Concat(axes.Select(_ => "---|")) + "---|---|---|---|---|---|");
        foreach (var g in groups)
        {
            b.AppendLine($"| {g.Config} | {string.Join(" | ", axes.Select(a => g.Values[a]))} | {g.Runs} | {Cell(g.FinalReturn, "0.###")} | {Cell(g.Auc, "0.###")} | " +
                $"{(g.Reached > 0 ? Cell(g.FramesToThreshold, "0") : "-")} ({g.Reached}/{g.Runs}) | {F(g.LagMean, "0.#")} / {g.LagMax} | {F(g.RhoClip, "0.##")} / {F(g.CClip, "0.##")} |");
        }
        b.AppendLine().AppendLine("## Observations (computed from the table)").AppendLine();
        foreach (var config in groups.GroupBy(g => g.Config))
        {
            var best = config.OrderByDescending(g => g.FinalReturn.Mean).First();
            var worst = config.OrderBy(g => g.FinalReturn.Mean).First();
            b.AppendLine($"- `{config.Key}`: best final return {F(best.FinalReturn.Mean)} at {Describe(best, axes)}; worst {F(worst.FinalReturn.Mean)} at {Describe(worst, axes)}.");
            if (axes.Contains("lag.k"))
            {
                var lineAxis = axes.Contains("learner.correction") ? "learner.correction" : axes.FirstOrDefault(a => a != "lag.k");
                foreach (var line in config.GroupBy(g => lineAxis is null ? "" : g.Values[lineAxis]))
                {
                    var ordered = line.OrderBy(g => g.Values["lag.k"], GridValueComparer.Instance).ToList();
                    if (ordered.Count < 2) continue;
                    b.AppendLine($"  - {(lineAxis is null ? "" : $"{lineAxis} = {line.Key}: ")}final return {F(ordered[0].FinalReturn.Mean)} at lag {ordered[0].Values["lag.k"]} -> " +
                        $"{F(ordered[^1].FinalReturn.Mean)} at lag {ordered[^1].Values["lag.k"]}; AUC {F(ordered[0].Auc.Mean)} -> {F(ordered[^1].Auc.Mean)}.");
                }
            }
        }
        b.AppendLine().AppendLine("## Plots").AppendLine();
        b.AppendLine("The HTML report (`report.html`) shows every plot; `main.png` is a screenshot of the headline plot (`plots/main.svg`).").AppendLine();
        foreach (var plot in plots) b.AppendLine($"- [`plots/{plot}`](plots/{plot})");
        return b.ToString();
    }

    private static string Describe(GroupSummary g, IReadOnlyList<string> axes) =>
        axes.Count == 0 ? "the only grid point" : string.Join(", ", axes.Select(a => $"{a} = {g.Values[a]}"));

    private static string Html(string name, JsonElement info, IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes, int runs, IReadOnlyList<(string File, string Svg)> plots)
    {
        string E(string t) => WebUtility.HtmlEncode(t);
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(E(name)).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
            .Append("th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.plots{display:flex;flex-wrap:wrap;gap:12px}.plots svg{border:1px solid #ddd}")
            .Append("</style></head><body>");
        b.Append("<h1>Experiment ").Append(E(name)).Append("</h1><p>").Append(E(Setup(info, runs).Replace("`", ""))).Append("</p>");
        b.Append("<h2>Plots</h2><div class=\"plots\">");
        foreach (var (_, svg) in plots) b.Append(svg);
        b.Append("</div><h2>Summary (mean ± 95% CI over seeds)</h2><table><tr><th>config</th>");
        foreach (var a in axes) b.Append("<th>").Append(E(a)).Append("</th>");
        b.Append("<th>runs</th><th>final return</th><th>AUC</th><th>frames to threshold</th><th>reached</th><th>lag mean</th><th>lag max</th><th>rho clipped</th><th>c clipped</th></tr>");
        foreach (var g in groups)
        {
            b.Append("<tr><td>").Append(E(g.Config)).Append("</td>");
            foreach (var a in axes) b.Append("<td>").Append(E(g.Values[a])).Append("</td>");
            b.Append($"<td>{g.Runs}</td><td>{E(Cell(g.FinalReturn, "0.###"))}</td><td>{E(Cell(g.Auc, "0.###"))}</td><td>{E(g.Reached > 0 ? Cell(g.FramesToThreshold, "0") : "-")}</td>")
                .Append($"<td>{g.Reached}/{g.Runs}</td><td>{F(g.LagMean, "0.#")}</td><td>{g.LagMax}</td><td>{F(g.RhoClip, "0.##")}</td><td>{F(g.CClip, "0.##")}</td></tr>");
        }
        return b.Append("</table></body></html>\n").ToString();
    }
}
