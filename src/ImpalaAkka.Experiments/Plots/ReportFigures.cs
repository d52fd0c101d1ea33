using ImpalaAkka.Environments;
using ImpalaAkka.Experiments.Findings;

namespace ImpalaAkka.Experiments.Plots;

/// <summary>
/// Chooses a report's figures from its grid and fills them with the summaries' numbers, every
/// band and error bar clipped to the range the environment's returns can take (CartPole's 0..500:
/// a mean of 10 ± 30 is drawn from 0 to 40). Per base config: final return and AUC against the x
/// axis with error bars, one line per value of the line axis (<see cref="GridAxes"/>); a heatmap of
/// each when the grid has two axes; learning curves with bands per panel. The headline shows each
/// config's final return: against the lag where the grid varies it, else the heatmap, else the curves.
/// </summary>
internal static class ReportFigures
{
    private sealed record Quantity(string File, string Title, string Label, Metric Metric);

    private static readonly Quantity[] Quantities =
    [
        new("final-return", "Final return", AxisLabels.FinalReturn, Metric.FinalReturn),
        new("auc", "AUC", AxisLabels.Auc, Metric.Auc),
    ];

    public static FigureSet Build(IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes, Func<string, ReturnRange?> rangeOf)
    {
        var grid = GridAxes.Of(axes);
        var categories = Quantities.Select(q => grid.X is { } x ? Categories(groups, grid, x, q, rangeOf).ToList() : []).ToList();
        var heatmaps = Quantities.Select(q => axes.Count == 2 ? Heatmaps(groups, axes[0], axes[1], q, rangeOf).ToList() : []).ToList();
        var curves = Curves(groups, grid, rangeOf).ToList();
        // Quantities[0] is the final return.
        var headline = grid.X == GridAxes.Lag || (grid.X is not null && axes.Count != 2) ? categories[0]
            : axes.Count == 2 ? heatmaps[0]
            : curves;
        return new FigureSet([.. categories.SelectMany(f => f), .. heatmaps.SelectMany(f => f), .. curves], [.. headline.Take(4)]);
    }

    /// <summary>The 95% interval around a mean, clipped to the range; a point without a CI gets none.</summary>
    public static BandPoint Point(double x, Estimate e, ReturnRange? range) =>
        e.HasInterval ? Point(x, e.Mean, e.Low, e.High, range) : Point(x, e.Mean, e.Mean, e.Mean, range);

    private static BandPoint Point(double x, double mean, double low, double high, ReturnRange? range) =>
        range is null ? new BandPoint(x, mean, low, high) : new BandPoint(x, mean, range.Clamp(low), range.Clamp(high));

    private static string Seeds(IEnumerable<GroupSummary> groups)
    {
        var n = groups.Select(g => g.Runs).Distinct().Order().ToList();
        return n.Count == 1 ? $"{n[0]} seed{(n[0] == 1 ? "" : "s")}" : $"{n[0]}-{n[^1]} seeds";
    }

    private static string Facet(GroupSummary g, IEnumerable<string> axes) => string.Join(", ", [g.Config, .. axes.Select(a => $"{a}={g.Values[a]}")]);

    private static List<string> ValuesOf(IEnumerable<GroupSummary> groups, string axis) =>
        [.. groups.Select(g => g.Values[axis]).Distinct().Order(GridValueComparer.Instance)];

    private static IEnumerable<Figure> Categories(IReadOnlyList<GroupSummary> groups, GridAxes grid, string x, Quantity quantity, Func<string, ReturnRange?> rangeOf)
    {
        foreach (var facet in groups.GroupBy(g => Facet(g, grid.Rest)))
        {
            var range = rangeOf(facet.First().Env);
            var categories = ValuesOf(facet, x);
            var series = facet.GroupBy(g => grid.Line is null ? quantity.Title.ToLowerInvariant() : g.Values[grid.Line])
                .OrderBy(s => s.Key, GridValueComparer.Instance)
                .Select(s => new Series(grid.Line is null ? s.Key : AxisLabels.Legend(grid.Line, s.Key), [.. s.Select(g => Point(categories.IndexOf(g.Values[x]), quantity.Metric.Of(g), range)).OrderBy(p => p.X)]))
                .ToList();
            yield return new CategoryFigure(
                $"{quantity.File}-vs-{AxisLabels.Short(x)}__{AxisLabels.Slug(facet.Key)}",
                $"{quantity.Title} vs {x}: {facet.Key} (mean, 95% CI over {Seeds(facet)})",
                AxisLabels.Label(x), quantity.Label, categories, range, series);
        }
    }

    private static IEnumerable<Figure> Heatmaps(IReadOnlyList<GroupSummary> groups, string rowAxis, string columnAxis, Quantity quantity, Func<string, ReturnRange?> rangeOf)
    {
        foreach (var facet in groups.GroupBy(g => g.Config))
        {
            var rows = ValuesOf(facet, rowAxis);
            var columns = ValuesOf(facet, columnAxis);
            var cells = new Estimate[rows.Count, columns.Count];
            for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < columns.Count; c++)
            {
                var g = facet.FirstOrDefault(x => x.Values[rowAxis] == rows[r] && x.Values[columnAxis] == columns[c]);
                cells[r, c] = g is null ? new Estimate(double.NaN, double.NaN) : quantity.Metric.Of(g);
            }
            yield return new HeatmapFigure(
                $"heatmap-{quantity.File}__{AxisLabels.Slug(facet.Key)}",
                $"{quantity.Title}: {rowAxis} x {columnAxis}, {facet.Key} (mean ± 95% CI, {Seeds(facet)})",
                AxisLabels.Label(columnAxis), AxisLabels.Label(rowAxis), columns, rows, cells, quantity.Label, rangeOf(facet.First().Env));
        }
    }

    private static IEnumerable<Figure> Curves(IReadOnlyList<GroupSummary> groups, GridAxes grid, Func<string, ReturnRange?> rangeOf)
    {
        var seriesAxis = grid.Line ?? grid.X;
        var facetAxes = grid.All.Where(a => a != seriesAxis).ToList();
        foreach (var facet in groups.GroupBy(g => Facet(g, facetAxes)))
        {
            var range = rangeOf(facet.First().Env);
            var series = facet.OrderBy(g => seriesAxis is null ? "" : g.Values[seriesAxis], GridValueComparer.Instance)
                .Select(g => new Series(seriesAxis is null ? "mean" : AxisLabels.Legend(seriesAxis, g.Values[seriesAxis]),
                    [.. g.Curve.Select(p => Point(p.Frames, p.Mean, p.Low, p.High, range))]))
                .ToList();
            yield return new CurveFigure(
                $"learning-curves__{AxisLabels.Slug(facet.Key)}",
                $"Learning curves{(seriesAxis is null ? "" : $" by {seriesAxis}")}: {facet.Key} (mean, 95% band over {Seeds(facet)})",
                AxisLabels.Frames, AxisLabels.Return, range, series);
        }
    }
}
