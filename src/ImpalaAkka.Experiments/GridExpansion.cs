using System.Globalization;

namespace ImpalaAkka.Experiments;

public static class GridExpansion
{
    /// <summary>
    /// Every combination of base config, grid values and seed, in a fixed order (configs, then the
    /// axes in the order written, seeds last). A cell's assignments are the experiment's <c>set</c>
    /// keys, then its grid values, then the seed, and the frame budget and threshold when the experiment sets them.
    /// Runs never stop at the threshold: they record when they reach it and train on to the budget.
    /// </summary>
    public static IReadOnlyList<Cell> Expand(ExperimentSpec spec)
    {
        var points = new List<List<(string Key, string Value)>> { new() };
        foreach (var (key, values) in spec.Grid)
        {
            points = [.. points.SelectMany(point => values.Select(value => new List<(string, string)>(point) { (key, value) }))];
        }
        var cells = new List<Cell>();
        foreach (var config in spec.Configs)
        foreach (var point in points)
        foreach (var seed in spec.Seeds)
        {
            var assignments = spec.Set.Select(s => $"impala.{s.Key}={s.Value}")
                .Concat(point.Select(p => $"impala.{p.Key}={p.Value}"))
                .Append($"impala.seed={seed}")
                .Append($"impala.experiment={spec.Name}")
                .Append("impala.run.stop-at-target=false")
                .Append("impala.run.log-every=100ms"); // runs last seconds: a curve point every 100 ms
            if (spec.Frames is { } frames) assignments = assignments.Append($"impala.run.max-frames={frames.ToString(CultureInfo.InvariantCulture)}");
            if (spec.Threshold is { } threshold) assignments = assignments.Append($"impala.run.target-return={threshold}");
            cells.Add(new Cell(config, point, seed, [.. assignments]));
        }
        return cells;
    }
}
