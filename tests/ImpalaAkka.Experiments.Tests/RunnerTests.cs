using System.Text.Json;

namespace ImpalaAkka.Experiments.Tests;

public sealed class RunnerTests
{
    private const string Body = """
        experiment { name = t, configs = ["a.conf"], seeds = 2, frames = 100, grid { lag.k = [0, 4, 8] } }
        """;

    /// <summary>
    /// Pretends to train: writes a finished summary, or fails for chosen cells, or stops after a number
    /// of cells as if interrupted; a cell "takes" its duration by advancing the clock.
    /// </summary>
    private sealed class FakeExecutor(Func<Cell, bool>? fails = null, int? interruptAfter = null, ManualClock? clock = null, Func<Cell, TimeSpan>? takes = null) : ICellExecutor
    {
        public List<(string Cell, bool Resume)> Calls { get; } = [];

        public Task<CellOutcome> RunAsync(ExperimentSpec spec, Cell cell, string runDirectory, bool resume, CancellationToken cancellation)
        {
            if (takes is not null) clock!.Advance(takes(cell));
            lock (Calls)
            {
                Calls.Add((cell.Name, resume));
                if (interruptAfter is { } n && Calls.Count > n)
                {
                    // Interrupted mid-run: a checkpoint and config exist, no summary.
                    File.WriteAllText(Path.Combine(runDirectory, "checkpoint.iat"), "x");
                    File.WriteAllText(Path.Combine(runDirectory, "config.json"), "{}");
                    return Task.FromResult(new CellOutcome(false, 1, "interrupted"));
                }
            }
            if (fails?.Invoke(cell) == true) return Task.FromResult(new CellOutcome(false, 3, "boom"));
            File.WriteAllText(Path.Combine(runDirectory, "summary.json"), JsonSerializer.Serialize(new { stop_reason = "max-frames", return_mean100 = 1.0 }));
            return Task.FromResult(new CellOutcome(true, 0, ""));
        }
    }

    private static ExperimentRunner Runner(ExperimentSpec spec, string outDirectory, ICellExecutor executor, int parallel, IExperimentObserver? observer = null, ManualClock? clock = null) =>
        new(spec, outDirectory, executor, parallel, observer ?? new RecordingObserver(), clock ?? new ManualClock());

    [Fact]
    public async Task Run_AllCells_WritesCellFiles()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var executor = new FakeExecutor();
        var result = await Runner(spec, dir.File("out"), executor, 2).RunAsync(CancellationToken.None);
        Assert.Equal((6, 0, 6, 0), (result.Total, result.Skipped, result.Succeeded, result.Failed.Count));
        using var cell = JsonDocument.Parse(File.ReadAllText(dir.File("out/runs/config=a__lag.k=4__seed=2/cell.json")));
        Assert.Equal("4", cell.RootElement.GetProperty("values").GetProperty("lag.k").GetString());
        Assert.Equal(2, cell.RootElement.GetProperty("seed").GetInt32());
        Assert.True(File.Exists(dir.File("out/experiment.json")));
    }

    [Fact]
    public async Task FailingCell_IsReported_AndTheOthersFinish()
    {
        using var dir = new TempDir();
        var observer = new RecordingObserver();
        var executor = new FakeExecutor(fails: c => c.Name == "config=a__lag.k=4__seed=1");
        var result = await Runner(dir.Spec(Body), dir.File("out"), executor, 1, observer).RunAsync(CancellationToken.None);
        Assert.Equal(5, result.Succeeded);
        Assert.Equal([("config=a__lag.k=4__seed=1", "boom")], result.Failed);
        Assert.Contains(observer.Events, e => e.StartsWith("finished config=a__lag.k=4__seed=1 failed(boom)", StringComparison.Ordinal));
        Assert.Equal(6, executor.Calls.Count);
    }

    [Fact]
    public async Task Rerun_AfterInterruption_SkipsFinished_ResumesCheckpointed_RunsTheRest()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var first = new FakeExecutor(interruptAfter: 3);
        await Runner(spec, dir.File("out"), first, 1).RunAsync(CancellationToken.None);
        Assert.All(first.Calls, c => Assert.False(c.Resume));

        var second = new FakeExecutor();
        var result = await Runner(spec, dir.File("out"), second, 1).RunAsync(CancellationToken.None);
        Assert.Equal(3, result.Skipped);
        Assert.Equal(3, second.Calls.Count);
        Assert.All(second.Calls, c => Assert.True(c.Resume, $"{c.Cell} had a checkpoint and should resume"));
        Assert.Empty(result.Failed);

        var third = new FakeExecutor();
        var again = await Runner(spec, dir.File("out"), third, 1).RunAsync(CancellationToken.None);
        Assert.Equal(6, again.Skipped);
        Assert.Empty(third.Calls);
    }

    [Fact]
    public async Task LeftoverWithoutCheckpoint_IsClearedAndRunAgain()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var leftover = dir.File("out/runs/config=a__lag.k=0__seed=1");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "metrics.csv"), "partial");
        var executor = new FakeExecutor();
        await Runner(spec, dir.File("out"), executor, 1).RunAsync(CancellationToken.None);
        Assert.Contains(("config=a__lag.k=0__seed=1", false), executor.Calls);
        Assert.False(File.Exists(Path.Combine(leftover, "metrics.csv")));
    }

    [Theory]
    [InlineData("{\"stop_reason\": \"max-fr")]
    [InlineData("[]")]
    [InlineData("{\"stop_reason\": 3}")]
    [InlineData("{\"stop_reason\": \"interrupted\"}")]
    public async Task CellWithAnUnfinishedOrCorruptSummary_IsRunAgain(string summary)
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var leftover = dir.File("out/runs/config=a__lag.k=0__seed=1");
        Directory.CreateDirectory(leftover);
        File.WriteAllText(Path.Combine(leftover, "summary.json"), summary);
        var executor = new FakeExecutor();
        var result = await Runner(spec, dir.File("out"), executor, 1).RunAsync(CancellationToken.None);
        Assert.Equal((0, 6), (result.Skipped, result.Succeeded));
        Assert.Contains(("config=a__lag.k=0__seed=1", false), executor.Calls);
    }

    /// <summary>
    /// Six cells: two finished before (skipped), one with a checkpoint (resumed), one failing, two ok;
    /// cell k takes 10 k seconds of virtual time.
    /// </summary>
    private static (ExperimentRunner Runner, FakeExecutor Executor) Mix(TempDir dir, IExperimentObserver observer)
    {
        var spec = dir.Spec(Body);
        foreach (var seed in new[] { 1, 2 })
        {
            var finished = dir.File($"out/runs/config=a__lag.k=0__seed={seed}");
            Directory.CreateDirectory(finished);
            File.WriteAllText(Path.Combine(finished, "summary.json"), """{"stop_reason": "max-frames"}""");
        }
        var checkpointed = dir.File("out/runs/config=a__lag.k=4__seed=1");
        Directory.CreateDirectory(checkpointed);
        File.WriteAllText(Path.Combine(checkpointed, "checkpoint.iat"), "x");
        File.WriteAllText(Path.Combine(checkpointed, "config.json"), "{}");
        var clock = new ManualClock();
        var seconds = new Dictionary<string, double>
        {
            ["config=a__lag.k=4__seed=1"] = 10,
            ["config=a__lag.k=4__seed=2"] = 20,
            ["config=a__lag.k=8__seed=1"] = 30,
            ["config=a__lag.k=8__seed=2"] = 40,
        };
        var executor = new FakeExecutor(fails: c => c.Name == "config=a__lag.k=4__seed=2", clock: clock, takes: c => TimeSpan.FromSeconds(seconds[c.Name]));
        return (Runner(spec, dir.File("out"), executor, 1, observer, clock), executor);
    }

    [Fact]
    public async Task Run_SkippedResumedFailedAndOkCells_ReportsEveryEventWithExactCounts()
    {
        using var dir = new TempDir();
        var observer = new RecordingObserver();
        var (runner, executor) = Mix(dir, observer);
        var result = await runner.RunAsync(CancellationToken.None);

        Assert.Equal(
        [
            "planned t parallel=1 resuming=1 | 2/6 skipped=2 finished=0 failed=0 running=0 waiting=4 eta=-",
            "started config=a__lag.k=4__seed=1 | 2/6 skipped=2 finished=0 failed=0 running=1 waiting=3 eta=-",
            "finished config=a__lag.k=4__seed=1 ok 10s | 3/6 skipped=2 finished=1 failed=0 running=0 waiting=3 eta=30s",
            "started config=a__lag.k=4__seed=2 | 3/6 skipped=2 finished=1 failed=0 running=1 waiting=2 eta=30s",
            "finished config=a__lag.k=4__seed=2 failed(boom) 20s | 4/6 skipped=2 finished=2 failed=1 running=0 waiting=2 eta=30s",
            "started config=a__lag.k=8__seed=1 | 4/6 skipped=2 finished=2 failed=1 running=1 waiting=1 eta=30s",
            "finished config=a__lag.k=8__seed=1 ok 30s | 5/6 skipped=2 finished=3 failed=1 running=0 waiting=1 eta=20s",
            "started config=a__lag.k=8__seed=2 | 5/6 skipped=2 finished=3 failed=1 running=1 waiting=0 eta=20s",
            "finished config=a__lag.k=8__seed=2 ok 40s | 6/6 skipped=2 finished=4 failed=1 running=0 waiting=0 eta=0s",
        ], observer.Events);
        Assert.Equal([("config=a__lag.k=4__seed=1", true), ("config=a__lag.k=4__seed=2", false), ("config=a__lag.k=8__seed=1", false), ("config=a__lag.k=8__seed=2", false)], executor.Calls);
        Assert.Equal((6, 2, 3, 1), (result.Total, result.Skipped, result.Succeeded, result.Failed.Count));
    }

    [Fact]
    public async Task Run_WithPlainWriter_WritesThePlanAndOneLinePerFinishedCell()
    {
        using var dir = new TempDir();
        var output = new StringWriter { NewLine = "\n" };
        var (runner, _) = Mix(dir, new PlainProgressWriter(output));
        await runner.RunAsync(CancellationToken.None);

        Assert.Equal("""
            impala experiment: t: 6 cells, 2 already finished, 4 to run (1 from a checkpoint), 1 at a time
            [3/6] ok   config=a__lag.k=4__seed=1  10.0 s  (0 failed, ETA 30 s)
            [4/6] FAIL config=a__lag.k=4__seed=2  20.0 s  (1 failed, ETA 30 s)
              reason: boom
            [5/6] ok   config=a__lag.k=8__seed=1  30.0 s  (1 failed, ETA 20 s)
            [6/6] ok   config=a__lag.k=8__seed=2  40.0 s  (1 failed, none left)

            """.ReplaceLineEndings("\n"), output.ToString());
    }

    /// <summary>Each cell runs until the test lets it finish, so the test decides the order cells end in.</summary>
    private sealed class GatedExecutor : ICellExecutor
    {
        private readonly Dictionary<string, TaskCompletionSource> gates = [];

        public async Task<CellOutcome> RunAsync(ExperimentSpec spec, Cell cell, string runDirectory, bool resume, CancellationToken cancellation)
        {
            await Gate(cell.Name).Task.ConfigureAwait(false);
            File.WriteAllText(Path.Combine(runDirectory, "summary.json"), """{"stop_reason": "max-frames"}""");
            return new CellOutcome(true, 0, "");
        }

        public void Finish(string cell) => Gate(cell).SetResult();

        private TaskCompletionSource Gate(string cell)
        {
            lock (gates)
            {
                if (!gates.TryGetValue(cell, out var gate)) gates[cell] = gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return gate;
            }
        }
    }

    [Fact]
    public async Task Run_TwoAtATime_CountsRunningCells_AndTimesThemInTheOrderTheyEnd()
    {
        using var dir = new TempDir();
        var spec = dir.Spec("""experiment { name = t, configs = ["a.conf"], seeds = 1, grid { lag.k = [0, 4, 8] } }""");
        var observer = new RecordingObserver();
        var clock = new ManualClock();
        var executor = new GatedExecutor();
        var run = Runner(spec, dir.File("out"), executor, 2, observer, clock).RunAsync(CancellationToken.None);
        var limit = TimeSpan.FromMinutes(1); // only against a hang: every wait below is on an event

        await observer.WhenCount(3).WaitAsync(limit);
        clock.Advance(TimeSpan.FromSeconds(10));
        executor.Finish("config=a__lag.k=4__seed=1");
        await observer.WhenCount(5).WaitAsync(limit);
        clock.Advance(TimeSpan.FromSeconds(10));
        executor.Finish("config=a__lag.k=0__seed=1");
        await observer.WhenCount(6).WaitAsync(limit);
        clock.Advance(TimeSpan.FromSeconds(5));
        executor.Finish("config=a__lag.k=8__seed=1");
        var result = await run.WaitAsync(limit);

        Assert.Equal(
        [
            "planned t parallel=2 resuming=0 | 0/3 skipped=0 finished=0 failed=0 running=0 waiting=3 eta=-",
            "started config=a__lag.k=0__seed=1 | 0/3 skipped=0 finished=0 failed=0 running=1 waiting=2 eta=-",
            "started config=a__lag.k=4__seed=1 | 0/3 skipped=0 finished=0 failed=0 running=2 waiting=1 eta=-",
            "finished config=a__lag.k=4__seed=1 ok 10s | 1/3 skipped=0 finished=1 failed=0 running=1 waiting=1 eta=10s",
            "started config=a__lag.k=8__seed=1 | 1/3 skipped=0 finished=1 failed=0 running=2 waiting=0 eta=10s",
            "finished config=a__lag.k=0__seed=1 ok 20s | 2/3 skipped=0 finished=2 failed=0 running=1 waiting=0 eta=15s",
            "finished config=a__lag.k=8__seed=1 ok 15s | 3/3 skipped=0 finished=3 failed=0 running=0 waiting=0 eta=0s",
        ], observer.Events);
        Assert.Equal((3, 0, 3, 0), (result.Total, result.Skipped, result.Succeeded, result.Failed.Count));
    }

    [Fact]
    public async Task Run_SpecWithQuestion_RecordsItInExperimentJson()
    {
        using var dir = new TempDir();
        var spec = dir.Spec("experiment { name = t, configs = [\"a.conf\"], seeds = 1, question = \"Does lag hurt?\" }");
        await Runner(spec, dir.File("out"), new FakeExecutor(), 1).RunAsync(CancellationToken.None);
        using var info = JsonDocument.Parse(File.ReadAllText(dir.File("out/experiment.json")));
        Assert.Equal("Does lag hurt?", info.RootElement.GetProperty("question").GetString());
    }
}
