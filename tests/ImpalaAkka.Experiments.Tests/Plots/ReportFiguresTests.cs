using ImpalaAkka.Environments;
using ImpalaAkka.Experiments.Plots;

namespace ImpalaAkka.Experiments.Tests.Plots;

public sealed class ReportFiguresTests
{
    private static readonly string[] Axes = ["lag.k", "learner.correction"];

    private static GroupSummary CartPole(string lag, string correction, double mean, double ci, IReadOnlyList<(double, double, double, double)>? curve = null) =>
        Groups.Make("cartpole", (mean, ci), curve: curve, values: [("lag.k", lag), ("learner.correction", correction)]);

    private static FigureSet Build(IReadOnlyList<GroupSummary> groups, IReadOnlyList<string> axes) => ReportFigures.Build(groups, axes, ExperimentReport.ReturnRangeOf);

    [Fact]
    public void Build_CartPoleErrorBarBelowZero_IsClippedToTheReturnRange()
    {
        // 10 ± 30 would reach -20; 495 ± 9 would reach 504: CartPole returns lie in [0, 500].
        var groups = new[] { CartPole("0", "vtrace", 495, 9), CartPole("32", "vtrace", 10, 30) };
        var figure = Assert.IsType<CategoryFigure>(Build(groups, Axes).All.Single(f => f.Name == "final-return-vs-lag__cartpole"));
        Assert.Equal(new ReturnRange(0, 500), figure.YRange);
        Assert.Equal(["0", "32"], figure.Categories);
        var series = Assert.Single(figure.Series);
        Assert.Equal("vtrace", series.Label);
        Assert.Equal([new BandPoint(0, 495, 486, 500), new BandPoint(1, 10, 0, 40)], series.Points);
    }

    [Fact]
    public void Build_CatchLearningCurveBand_IsClippedToMinusOneToOne()
    {
        var curve = new List<(double, double, double, double)> { (0, -0.8, -1.4, -0.2), (1000, 0.9, 0.5, 1.3) };
        var group = Groups.Make("catch", (0.9, 0.4), curve: curve, values: [("lag.k", "0")]);
        var figure = Assert.IsType<CurveFigure>(Build([group], ["lag.k"]).All.Single(f => f.Name == "learning-curves__catch"));
        Assert.Equal([new BandPoint(0, -0.8, -1, -0.2), new BandPoint(1000, 0.9, 0.5, 1)], Assert.Single(figure.Series).Points);
    }

    [Fact]
    public void Build_UnknownEnvironment_KeepsTheIntervalAsComputed()
    {
        var group = Groups.Make("mine", (10, 30), env: "my-env", values: [("lag.k", "0")]);
        var figure = Assert.IsType<CategoryFigure>(Build([group], ["lag.k"]).All[0]);
        Assert.Null(figure.YRange);
        Assert.Equal([new BandPoint(0, 10, -20, 40)], Assert.Single(figure.Series).Points);
    }

    [Fact]
    public void Build_OneSeed_DrawsNoInterval()
    {
        var group = Groups.Make("catch", (0.5, double.NaN), runs: 1, values: [("lag.k", "0")]);
        Assert.Equal([new BandPoint(0, 0.5, 0.5, 0.5)], Assert.IsType<CategoryFigure>(Build([group], ["lag.k"]).All[0]).Series[0].Points);
    }

    [Fact]
    public void Build_LagTimesCorrectionGrid_PlotsEachQuantityAndHeadlinesFinalReturnVsLag()
    {
        var groups = new[] { CartPole("0", "vtrace", 495, 9), CartPole("0", "none", 494, 8), CartPole("8", "vtrace", 496, 4), CartPole("8", "none", 80, 197) };
        var set = Build(groups, Axes);
        Assert.Equal(
            [
                "final-return-vs-lag__cartpole", "auc-vs-lag__cartpole", "heatmap-final-return__cartpole", "heatmap-auc__cartpole",
                "learning-curves__cartpole__lag.k_0", "learning-curves__cartpole__lag.k_8",
            ],
            set.All.Select(f => f.Name));
        Assert.Equal(["final-return-vs-lag__cartpole"], set.Headline.Select(f => f.Name));
        var heatmap = Assert.IsType<HeatmapFigure>(set.All[2]);
        Assert.Equal(["0", "8"], heatmap.Rows);
        Assert.Equal(["none", "vtrace"], heatmap.Columns);
        Assert.Equal(new ImpalaAkka.Experiments.Findings.Estimate(80, 197), heatmap.Cells[1, 0]);
        Assert.Equal("injected policy lag k (parameter versions)", set.All[0].XLabel);
    }

    [Fact]
    public void Build_TwoAxesWithoutLag_HeadlinesTheFinalReturnHeatmaps()
    {
        Assert.Equal(["heatmap-final-return__catch", "heatmap-final-return__cartpole"],
            Build(
                [
                    Groups.Make("catch", (1, 0.1), values: [("vtrace.rho-bar", "1"), ("vtrace.c-bar", "1")]),
                    Groups.Make("cartpole", (400, 10), values: [("vtrace.rho-bar", "1"), ("vtrace.c-bar", "1")]),
                ],
                ["vtrace.rho-bar", "vtrace.c-bar"]).Headline.Select(f => f.Name));
    }

    [Fact]
    public void Build_NumericLineAxis_NamesTheAxisInTheLegend()
    {
        var groups = new[]
        {
            Groups.Make("catch", (1, 0.1), values: [("vtrace.rho-bar", "1"), ("vtrace.c-bar", "0.5")]),
            Groups.Make("catch", (1, 0.1), values: [("vtrace.rho-bar", "1"), ("vtrace.c-bar", "2")]),
        };
        var figure = Assert.IsType<CategoryFigure>(Build(groups, ["vtrace.rho-bar", "vtrace.c-bar"]).All[0]);
        Assert.Equal("final-return-vs-rho-bar__catch", figure.Name);
        Assert.Equal(["c-bar = 0.5", "c-bar = 2"], figure.Series.Select(s => s.Label));
    }
}
