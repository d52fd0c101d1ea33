using System.Globalization;

namespace ImpalaAkka.Experiments.Findings;

/// <summary>
/// States what a table supports and nothing more: a grid point beats another only where their 95%
/// confidence intervals are disjoint (<see cref="Estimate.Against"/>), and is "tied" with it
/// otherwise. Per base config and metric: the best and the worst point with how many others they are
/// tied with; at each value of the x axis, the line axis's values ranked into the best, those tied
/// with it and those below it; and along the x axis, per line, whether the change from its smallest
/// to its largest value lies outside the CIs.
/// </summary>
internal static class FindingsBuilder
{
    /// <summary>Tied cells are named up to this many; beyond, only counted.</summary>
    private const int NamedTies = 3;

    public static IReadOnlyList<Finding> Build(IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes, Metric metric)
    {
        var grid = GridAxes.Of(axes);
        var findings = new List<Finding>();
        foreach (var config in groups.GroupBy(g => g.Config))
        {
            var cells = config.Where(g => double.IsFinite(metric.Of(g).Mean)).ToList();
            if (cells.Count == 0) continue;
            var details = new List<Finding>();
            if (cells.Count > 1)
            {
                var best = cells.MaxBy(g => metric.Of(g).Mean)!;
                details.Add(Extreme("best", best, cells, axes, metric));
                // Among equal means the worst is still another cell than the best.
                details.Add(Extreme("worst", cells.Where(g => !ReferenceEquals(g, best)).MinBy(g => metric.Of(g).Mean)!, cells, axes, metric));
            }
            if (grid.X is { } x && grid.Line is { } line)
            {
                var ranked = cells.GroupBy(g => Describe(g, [x, .. grid.Rest]))
                    .OrderBy(p => p.First(), new PointOrder([x, .. grid.Rest]))
                    .Select(p => Rank(p.Key, [.. p], line, metric)).ToList();
                details.Add(new Finding($"{line} compared at each {x}:", ranked));
            }
            if (grid.X is { } along)
            {
                var lines = cells.GroupBy(g => Key(g, grid.Line is null ? grid.Rest : [grid.Line, .. grid.Rest]))
                    .Select(l => Trend(l.Key, [.. l.OrderBy(g => g.Values[along], GridValueComparer.Instance)], along, metric))
                    .OfType<Finding>().ToList();
                if (lines.Count > 0) details.Add(new Finding($"from the smallest to the largest {along}{(grid.Line is null ? "" : $", per {grid.Line}")}:", lines));
            }
            findings.Add(new Finding($"`{config.Key}`, {metric.Name}:", details));
        }
        return findings;
    }

    public static string Format(Estimate e) =>
        !double.IsFinite(e.Mean) ? "-" : F(e.Mean) + (double.IsFinite(e.Ci) ? " ± " + F(e.Ci) : " (one seed: no CI)");

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Key(GroupSummary g, IReadOnlyList<string> axes) => string.Join(", ", axes.Select(a => $"{a} = {g.Values[a]}"));

    private static string Describe(GroupSummary g, IReadOnlyList<string> axes) => axes.Count == 0 ? "the only grid point" : Key(g, axes);

    private static Finding Extreme(string which, GroupSummary extreme, List<GroupSummary> cells, IReadOnlyList<string> axes, Metric metric)
    {
        var e = metric.Of(extreme);
        var others = cells.Where(g => !ReferenceEquals(g, extreme)).ToList();
        var text = $"{which}: {Describe(extreme, axes)}, {Format(e)}";
        if (!e.HasInterval) return new Finding($"{text}; without a CI it cannot be told apart from any other cell");
        var tied = others.Where(g => e.Against(metric.Of(g)) is Verdict.Tied or Verdict.Unknown).ToList();
        if (tied.Count == 0) return new Finding($"{text}; its CI is disjoint from every other cell's, so it is {(which == "best" ? "above" : "below")} {(others.Count == 1 ? "the only other cell" : $"all {others.Count} others")}");
        var names = tied.Count <= NamedTies ? $" ({string.Join("; ", tied.Select(g => $"{Describe(g, axes)}, {Format(metric.Of(g))}"))})" : "";
        var with = others.Count == 1 ? "the only other cell"
            : tied.Count == others.Count ? $"all {others.Count} other cells"
            : $"{tied.Count} of the {others.Count} other cells";
        return new Finding($"{text}; statistically tied with {with}{names}");
    }

    /// <summary>The points at one x value: the best, those tied with it, those whose CI lies below its.</summary>
    private static Finding Rank(string where, List<GroupSummary> cells, string line, Metric metric)
    {
        string Item(GroupSummary g) => $"{g.Values[line]} {Format(metric.Of(g))}";
        var ordered = cells.OrderByDescending(g => metric.Of(g).Mean).ToList();
        var best = ordered[0];
        if (ordered.Count == 1) return new Finding($"{where}: {Item(best)}");
        var verdicts = ordered.Skip(1).Select(g => (Cell: g, Verdict: metric.Of(best).Against(metric.Of(g)))).ToList();
        if (verdicts.Any(v => v.Verdict == Verdict.Unknown)) return new Finding($"{where}: no CI for every {line} (one seed), so none is said to beat another: {string.Join(", ", ordered.Select(Item))}");
        if (verdicts.All(v => v.Verdict == Verdict.Tied)) return new Finding($"{where}: all {ordered.Count} tied (their CIs overlap the highest's): {string.Join(", ", ordered.Select(Item))}");
        var tied = verdicts.Where(v => v.Verdict == Verdict.Tied).Select(v => Item(v.Cell)).ToList();
        var below = verdicts.Where(v => v.Verdict == Verdict.Higher).Select(v => Item(v.Cell)).ToList();
        return new Finding($"{where}: highest {Item(best)}; {(tied.Count == 0 ? "no other is tied with it" : $"tied with it: {string.Join(", ", tied)}")}; " +
            $"below it (CIs disjoint): {string.Join(", ", below)}");
    }

    /// <summary>The line's first and last point along x, and whether the change lies outside both CIs.</summary>
    private static Finding? Trend(string line, List<GroupSummary> points, string x, Metric metric)
    {
        if (points.Count < 2) return null;
        var (first, last) = (points[0], points[^1]);
        var (a, b) = (metric.Of(first), metric.Of(last));
        var verdict = b.Against(a) switch
        {
            Verdict.Higher => "rises, outside the CIs",
            Verdict.Lower => "falls, outside the CIs",
            Verdict.Tied => "tied: the CIs overlap",
            _ => "no CI (one seed): no change can be claimed",
        };
        return new Finding($"{(line.Length == 0 ? "" : line + ": ")}{Format(a)} at {x} = {first.Values[x]} -> {Format(b)} at {x} = {last.Values[x]}: {verdict}");
    }

    /// <summary>Orders grid points by the given axes' values, as in the grid.</summary>
    private sealed class PointOrder(IReadOnlyList<string> axes) : IComparer<GroupSummary>
    {
        public int Compare(GroupSummary? a, GroupSummary? b) =>
            axes.Select(axis => GridValueComparer.Instance.Compare(a!.Values[axis], b!.Values[axis])).FirstOrDefault(c => c != 0);
    }
}
