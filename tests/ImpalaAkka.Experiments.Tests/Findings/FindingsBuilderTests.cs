using ImpalaAkka.Experiments.Findings;

namespace ImpalaAkka.Experiments.Tests.Findings;

public sealed class FindingsBuilderTests
{
    private static readonly string[] Axes = ["lag.k", "learner.correction"];

    private static GroupSummary Cell(string lag, string correction, double mean, double ci) =>
        Groups.Make("cartpole", (mean, ci), values: [("lag.k", lag), ("learner.correction", correction)]);

    /// <summary>At lag 0 both are tied; at lag 32 vtrace's CI lies wholly above none's.</summary>
    private static readonly GroupSummary[] LagGrid =
    [
        Cell("0", "none", 495, 8), Cell("0", "vtrace", 496, 9),
        Cell("32", "none", 9.4, 0.1), Cell("32", "vtrace", 418, 91),
    ];

    private static IEnumerable<string> Flatten(IEnumerable<Finding> findings, int depth = 0) =>
        findings.SelectMany(f => Flatten(f.Details, depth + 1).Prepend(new string(' ', depth * 2) + f.Text));

    [Fact]
    public void Build_LagGrid_StatesOnlyWhatTheIntervalsSupport()
    {
        Assert.Equal(
            [
                "`cartpole`, final return:",
                "  best: lag.k = 0, learner.correction = vtrace, 496 ± 9; statistically tied with 2 of the 3 other cells " +
                    "(lag.k = 0, learner.correction = none, 495 ± 8; lag.k = 32, learner.correction = vtrace, 418 ± 91)",
                "  worst: lag.k = 32, learner.correction = none, 9.4 ± 0.1; its CI is disjoint from every other cell's, so it is below all 3 others",
                "  learner.correction compared at each lag.k:",
                "    lag.k = 0: all 2 tied (their CIs overlap the highest's): vtrace 496 ± 9, none 495 ± 8",
                "    lag.k = 32: highest vtrace 418 ± 91; no other is tied with it; below it (CIs disjoint): none 9.4 ± 0.1",
                "  from the smallest to the largest lag.k, per learner.correction:",
                "    learner.correction = none: 495 ± 8 at lag.k = 0 -> 9.4 ± 0.1 at lag.k = 32: falls, outside the CIs",
                "    learner.correction = vtrace: 496 ± 9 at lag.k = 0 -> 418 ± 91 at lag.k = 32: tied: the CIs overlap",
            ],
            Flatten(FindingsBuilder.Build(LagGrid, Axes, Metric.FinalReturn)));
    }

    [Fact]
    public void Build_BestWhoseIntervalTouchesAnother_CountsItAsTied()
    {
        // [7.5, 12.5] touches [2.5, 7.5]: not disjoint, so not "better".
        var touching = new[] { Cell("0", "vtrace", 10, 2.5), Cell("0", "none", 5, 2.5) };
        Assert.Equal(
            "best: lag.k = 0, learner.correction = vtrace, 10 ± 2.5; statistically tied with the only other cell (lag.k = 0, learner.correction = none, 5 ± 2.5)",
            FindingsBuilder.Build(touching, Axes, Metric.FinalReturn)[0].Details[0].Text);
    }

    [Fact]
    public void Build_OneSeedCells_ClaimNoDifference()
    {
        var single = new[]
        {
            Groups.Make("catch", (1, double.NaN), runs: 1, values: [("lag.k", "0"), ("learner.correction", "vtrace")]),
            Groups.Make("catch", (-1, double.NaN), runs: 1, values: [("lag.k", "0"), ("learner.correction", "none")]),
            Groups.Make("catch", (-1, double.NaN), runs: 1, values: [("lag.k", "8"), ("learner.correction", "vtrace")]),
        };
        Assert.Equal(
            [
                "`catch`, final return:",
                "  best: lag.k = 0, learner.correction = vtrace, 1 (one seed: no CI); without a CI it cannot be told apart from any other cell",
                "  worst: lag.k = 0, learner.correction = none, -1 (one seed: no CI); without a CI it cannot be told apart from any other cell",
                "  learner.correction compared at each lag.k:",
                "    lag.k = 0: no CI for every learner.correction (one seed), so none is said to beat another: vtrace 1 (one seed: no CI), none -1 (one seed: no CI)",
                "    lag.k = 8: vtrace -1 (one seed: no CI)",
                "  from the smallest to the largest lag.k, per learner.correction:",
                "    learner.correction = vtrace: 1 (one seed: no CI) at lag.k = 0 -> -1 (one seed: no CI) at lag.k = 8: no CI (one seed): no change can be claimed",
            ],
            Flatten(FindingsBuilder.Build(single, Axes, Metric.FinalReturn)));
    }

    [Fact]
    public void Build_Auc_ComparesTheAucNotTheFinalReturn()
    {
        var groups = new[]
        {
            Groups.Make("catch", (1, 0.01), auc: (0.6, 0.05), values: [("lag.k", "0")]),
            Groups.Make("catch", (1, 0.01), auc: (0.3, 0.05), values: [("lag.k", "32")]),
        };
        Assert.Equal(
            [
                "`catch`, AUC:",
                "  best: lag.k = 0, 0.6 ± 0.05; its CI is disjoint from every other cell's, so it is above the only other cell",
                "  worst: lag.k = 32, 0.3 ± 0.05; its CI is disjoint from every other cell's, so it is below the only other cell",
                "  from the smallest to the largest lag.k:",
                "    0.6 ± 0.05 at lag.k = 0 -> 0.3 ± 0.05 at lag.k = 32: falls, outside the CIs",
            ],
            Flatten(FindingsBuilder.Build(groups, ["lag.k"], Metric.Auc)));
        Assert.Equal("  worst: lag.k = 32, 1 ± 0.01; statistically tied with the only other cell (lag.k = 0, 1 ± 0.01)",
            Flatten(FindingsBuilder.Build(groups, ["lag.k"], Metric.FinalReturn)).ElementAt(2));
    }
}
