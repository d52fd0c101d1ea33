namespace ImpalaAkka.Experiments.Tests;

public sealed class PlainProgressWriterTests
{
    private static readonly Cell Cell = new("../hocon/catch.conf", [("lag.k", "8"), ("learner.correction", "vtrace")], 3, []);

    private static ExperimentProgress Progress(int total, int skipped, int finished, int failed, double? etaSeconds) =>
        new(total, skipped, finished, failed, Running: 2, etaSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

    [Fact]
    public void Line_OkCell_ShowsCountDurationFailedAndEta()
    {
        var line = PlainProgressWriter.Line(Cell, new CellOutcome(true, 0, ""), TimeSpan.FromSeconds(41.23), Progress(160, 0, 12, 3, 720));
        Assert.Equal("[ 12/160] ok   config=catch__lag.k=8__learner.correction=vtrace__seed=3  41.2 s  (3 failed, ETA 12 min)", line);
    }

    [Fact]
    public void Line_CountsCellsFinishedBefore_AndPadsToTheTotalsWidth()
    {
        var line = PlainProgressWriter.Line(Cell, new CellOutcome(true, 0, ""), TimeSpan.FromSeconds(5), Progress(160, 100, 2, 0, 42));
        Assert.Equal("[102/160] ok   config=catch__lag.k=8__learner.correction=vtrace__seed=3  5.0 s  (0 failed, ETA 42 s)", line);
    }

    [Fact]
    public void CellFinished_FailedCell_WritesItsLineAndItsReason()
    {
        var output = new StringWriter { NewLine = "\n" };
        new PlainProgressWriter(output).CellFinished(Cell, new CellOutcome(false, 3, "error: lr | exiting"), TimeSpan.FromSeconds(2), Progress(8, 0, 3, 1, 7500));
        Assert.Equal("""
            [3/8] FAIL config=catch__lag.k=8__learner.correction=vtrace__seed=3  2.0 s  (1 failed, ETA 2 h 05 min)
              reason: error: lr | exiting

            """.ReplaceLineEndings("\n"), output.ToString());
    }

    [Fact]
    public void CellFinished_FailedCellThatPrintedNothing_GivesItsExitCode()
    {
        var output = new StringWriter { NewLine = "\n" };
        new PlainProgressWriter(output).CellFinished(Cell, new CellOutcome(false, 134, ""), TimeSpan.FromSeconds(2), Progress(8, 0, 8, 1, 0));
        Assert.Equal("[8/8] FAIL config=catch__lag.k=8__learner.correction=vtrace__seed=3  2.0 s  (1 failed, none left)\n  reason: exit code 134\n", output.ToString());
    }

    [Fact]
    public void CellStarted_WritesNothing()
    {
        var output = new StringWriter();
        IExperimentObserver observer = new PlainProgressWriter(output);
        observer.CellStarted(Cell, Progress(8, 0, 0, 0, null));
        Assert.Equal("", output.ToString());
    }

    [Theory]
    [InlineData(0, "impala experiment: lag: 160 cells, 40 already finished, 120 to run, 4 at a time")]
    [InlineData(3, "impala experiment: lag: 160 cells, 40 already finished, 120 to run (3 from a checkpoint), 4 at a time")]
    public void PlanLine_SaysWhatRunsHowManyAtOnce(int resuming, string expected) =>
        Assert.Equal(expected, PlainProgressWriter.PlanLine("lag", 4, resuming, new ExperimentProgress(160, 40, 0, 0, 0, null)));
}
