using System.Diagnostics;
using System.Text.Json;

namespace ImpalaAkka.Experiments.Tests;

/// <summary>
/// The executor against a bash script standing in for <c>impala</c> (run as <c>bash SCRIPT train --plain --config ... --run-dir DIR</c>):
/// like <c>impala train</c>, it writes config.json at start, and on SIGTERM a checkpoint and an interrupted summary.
/// </summary>
public sealed class ProcessCellExecutorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // only against a hang

    private const string Body = """experiment { name = t, configs = ["a.conf"], seeds = 1 }""";

    private const string OnTermCheckpoint =
        """trap 'echo got-term; echo x > "$run_dir/checkpoint.iat"; echo "{\"stop_reason\": \"interrupted\"}" > "$run_dir/summary.json"; exit 1' TERM""";

    /// <summary>The stand-in: with --resume it finishes at once; otherwise it installs <paramref name="trap"/>, touches <c>ready</c> and runs until stopped.</summary>
    private static string Script(TempDir dir, string trap)
    {
        var path = dir.File("impala.sh");
        File.WriteAllText(path, $$"""
            run_dir=; resume=no
            while [ $# -gt 0 ]; do
              case "$1" in --run-dir) run_dir="$2"; shift ;; --resume) resume=yes ;; esac
              shift
            done
            if [ "$resume" = yes ]; then echo resumed; echo '{"stop_reason": "max-frames"}' > "$run_dir/summary.json"; exit 0; fi
            echo '{}' > "$run_dir/config.json"
            {{trap}}
            touch "$run_dir/ready"
            while true; do sleep 0.1; done
            """);
        return path;
    }

    /// <summary>Cancels <paramref name="stop"/> once the cell in <paramref name="runDirectory"/> has its trap in place (bounded).</summary>
    private static async Task CancelWhenReady(string runDirectory, CancellationTokenSource stop)
    {
        var ready = Path.Combine(runDirectory, "ready");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(ready))
        {
            Assert.True(clock.Elapsed < Patience, $"{ready} did not appear within {Patience}");
            await Task.Delay(50);
        }
        await stop.CancelAsync();
    }

    private static string Log(string runDirectory) => File.ReadAllText(Path.Combine(runDirectory, "output.log"));

    [Fact]
    public async Task Cancel_SendsTheCellSigterm_AndWaitsForItsCleanExit()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var run = dir.File("run");
        var executor = new ProcessCellExecutor("bash", Script(dir, OnTermCheckpoint));
        using var stop = new CancellationTokenSource();
        var cell = executor.RunAsync(spec, GridExpansion.Expand(spec)[0], run, resume: false, stop.Token);
        await CancelWhenReady(run, stop);
        var outcome = await cell.WaitAsync(Patience);
        Assert.Equal(new CellOutcome(false, 1, "interrupted"), outcome);
        Assert.Contains("got-term", Log(run));
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.iat")));
    }

    [Fact]
    public async Task Cancel_CellThatIgnoresSigterm_IsKilledAfterTheGrace()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var run = dir.File("run");
        var executor = new ProcessCellExecutor("bash", Script(dir, "trap '' TERM"), TimeSpan.FromSeconds(1));
        using var stop = new CancellationTokenSource();
        var cell = executor.RunAsync(spec, GridExpansion.Expand(spec)[0], run, resume: false, stop.Token);
        await CancelWhenReady(run, stop);
        var outcome = await cell.WaitAsync(Patience);
        Assert.Equal(new CellOutcome(false, 128 + 9, "interrupted; killed 00:00:01 after SIGTERM without exiting"), outcome);
    }

    [Fact]
    public async Task CellTimeout_KillsTheCell_WithoutSigterm()
    {
        using var dir = new TempDir();
        var spec = dir.Spec("""experiment { name = t, configs = ["a.conf"], seeds = 1, cell-timeout = 1s }""");
        var run = dir.File("run");
        var executor = new ProcessCellExecutor("bash", Script(dir, OnTermCheckpoint));
        var outcome = await executor.RunAsync(spec, GridExpansion.Expand(spec)[0], run, resume: false, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(new CellOutcome(false, 128 + 9, "killed after the cell timeout of 00:00:01"), outcome);
        Assert.DoesNotContain("got-term", Log(run));
    }

    [Fact]
    public async Task InterruptedExperiment_ReportsTheCellInterrupted_ThenThrows_AndARerunResumesIt()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(Body);
        var executor = new ProcessCellExecutor("bash", Script(dir, OnTermCheckpoint));
        var observer = new RecordingObserver();
        var runner = new ExperimentRunner(spec, dir.File("out"), executor, 1, observer, new ManualClock());
        var cell = Path.Combine(runner.RunsDirectory, "config=a__seed=1");
        using var stop = new CancellationTokenSource();
        var first = runner.RunAsync(stop.Token);
        await CancelWhenReady(cell, stop);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Patience));
        Assert.StartsWith("finished config=a__seed=1 failed(interrupted)", observer.Events[^1]);
        using (var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(cell, "summary.json"))))
        {
            Assert.Equal("interrupted", summary.RootElement.GetProperty("stop_reason").GetString());
        }

        var again = new RecordingObserver();
        var rerun = await new ExperimentRunner(spec, dir.File("out"), executor, 1, again, new ManualClock()).RunAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.StartsWith("planned t parallel=1 resuming=1 ", again.Events[0]);
        Assert.Equal((1, 0, 1, 0), (rerun.Total, rerun.Skipped, rerun.Succeeded, rerun.Failed.Count));
        Assert.Contains("resumed", Log(cell));
        Assert.True(ExperimentRunner.IsFinished(cell));
    }
}
