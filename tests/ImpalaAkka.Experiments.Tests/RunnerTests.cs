using System.Text.Json;

namespace ImpalaAkka.Experiments.Tests;

public sealed class RunnerTests
{
    private const string Body = """
        experiment { name = t, configs = ["a.conf"], seeds = 2, frames = 100, grid { lag.k = [0, 4, 8] } }
        """;

    /// <summary>Pretends to train: writes a finished summary, or fails for chosen cells, or stops after a number of cells as if interrupted.</summary>
    private sealed class FakeExecutor(Func<Cell, bool>? fails = null, int? interruptAfter = null) : ICellExecutor
    {
        public List<(string Cell, bool Resume)> Calls { get; } = [];

        public Task<CellOutcome> RunAsync(ExperimentSpec spec, Cell cell, string runDirectory, bool resume, CancellationToken cancellation)
        {
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

    [Fact]
    public async Task Run_AllCells_WritesCellFiles()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var executor = new FakeExecutor();
        var result = await new ExperimentRunner(spec, dir.File("out"), executor, 2, TextWriter.Null).RunAsync(CancellationToken.None);
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
        var log = new StringWriter();
        var executor = new FakeExecutor(fails: c => c.Name == "config=a__lag.k=4__seed=1");
        var result = await new ExperimentRunner(dir.Spec(Body), dir.File("out"), executor, 1, log).RunAsync(CancellationToken.None);
        Assert.Equal(5, result.Succeeded);
        Assert.Equal([("config=a__lag.k=4__seed=1", "boom")], result.Failed);
        Assert.Contains("FAILED config=a__lag.k=4__seed=1", log.ToString());
        Assert.Equal(6, executor.Calls.Count);
    }

    [Fact]
    public async Task Rerun_AfterInterruption_SkipsFinished_ResumesCheckpointed_RunsTheRest()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var first = new FakeExecutor(interruptAfter: 3);
        await new ExperimentRunner(spec, dir.File("out"), first, 1, TextWriter.Null).RunAsync(CancellationToken.None);
        Assert.All(first.Calls, c => Assert.False(c.Resume));

        var second = new FakeExecutor();
        var result = await new ExperimentRunner(spec, dir.File("out"), second, 1, TextWriter.Null).RunAsync(CancellationToken.None);
        Assert.Equal(3, result.Skipped);
        Assert.Equal(3, second.Calls.Count);
        Assert.All(second.Calls, c => Assert.True(c.Resume, $"{c.Cell} had a checkpoint and should resume"));
        Assert.Empty(result.Failed);

        var third = new FakeExecutor();
        var again = await new ExperimentRunner(spec, dir.File("out"), third, 1, TextWriter.Null).RunAsync(CancellationToken.None);
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
        await new ExperimentRunner(spec, dir.File("out"), executor, 1, TextWriter.Null).RunAsync(CancellationToken.None);
        Assert.Contains(("config=a__lag.k=0__seed=1", false), executor.Calls);
        Assert.False(File.Exists(Path.Combine(leftover, "metrics.csv")));
    }
}
