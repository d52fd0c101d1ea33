namespace ImpalaAkka.Experiments;

/// <summary>
/// The runs of one grid point across seeds: means and 95% CIs, and the mean learning curve with its
/// band; <c>RunDirectories</c> names each seed's folder under <c>runs/</c>, in seed order.
/// </summary>
public sealed record GroupSummary(
    string Group,
    string Config,
    string Env,
    IReadOnlyDictionary<string, string> Values,
    int Runs,
    IReadOnlyList<(int Seed, string Directory)> RunDirectories,
    (double Mean, double Ci) FinalReturn,
    (double Mean, double Ci) Auc,
    (double Mean, double Ci) FramesToThreshold,
    int Reached,
    double LagMean,
    long LagMax,
    double RhoClip,
    double CClip,
    IReadOnlyList<(double Frames, double Mean, double Low, double High)> Curve)
{
    public const int CurvePoints = 40;

    /// <summary>Groups by grid point, ordered by config, then by each axis's values (numbers numerically, as in the grid).</summary>
    public static IReadOnlyList<GroupSummary> From(IEnumerable<RunRecord> runs)
    {
        var groups = runs.GroupBy(r => r.Group).Select(Summarise).ToList();
        var axes = groups.FirstOrDefault()?.Values.Keys.ToList() ?? [];
        IOrderedEnumerable<GroupSummary> ordered = groups.OrderBy(g => g.Config, StringComparer.Ordinal);
        foreach (var axis in axes) ordered = ordered.ThenBy(g => g.Values[axis], GridValueComparer.Instance);
        return [.. ordered];
    }

    private static GroupSummary Summarise(IGrouping<string, RunRecord> g)
    {
        var runs = g.OrderBy(r => r.Seed).ToList();
        var first = runs[0];
        var reached = runs.Where(r => r.FramesToThreshold is not null).Select(r => (double)r.FramesToThreshold!.Value).ToList();
        return new GroupSummary(
            g.Key, first.Config, first.Env, first.Values, runs.Count, [.. runs.Select(r => (r.Seed, r.Directory))],
            Statistics.MeanCi95([.. runs.Select(r => r.FinalReturn).Where(double.IsFinite)]),
            Statistics.MeanCi95([.. runs.Select(r => Statistics.NormalisedArea(r.Curve)).Where(double.IsFinite)]),
            Statistics.MeanCi95(reached),
            reached.Count,
            runs.Select(r => r.LagMean).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(),
            runs.Max(r => r.LagMax),
            runs.Select(r => r.RhoClip).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(),
            runs.Select(r => r.CClip).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(),
            MeanCurve(runs));
    }

    /// <summary>Every seed's curve interpolated at evenly spaced frames up to the shortest run's end; mean and 95% band across seeds.</summary>
    private static List<(double, double, double, double)> MeanCurve(List<RunRecord> runs)
    {
        var curves = runs.Where(r => r.Curve.Count >= 2).Select(r => r.Curve).ToList();
        if (curves.Count == 0) return [];
        var start = curves.Max(c => c[0].Frames);
        var end = curves.Min(c => c[^1].Frames);
        var result = new List<(double, double, double, double)>();
        for (var i = 0; i < CurvePoints && end > start; i++)
        {
            var x = start + (end - start) * i / (CurvePoints - 1);
            var (mean, ci) = Statistics.MeanCi95([.. curves.Select(c => Statistics.Interpolate(c, x))]);
            var half = double.IsFinite(ci) ? ci : 0;
            result.Add((x, mean, mean - half, mean + half));
        }
        return result;
    }
}
