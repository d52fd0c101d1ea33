using System.Text.Json;

namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary><c>impala sim</c> as a child process, stopped by SIGTERM: it ends between two virtual instants and writes its summary.</summary>
public sealed class SimSignalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string directory = Directory.CreateTempSubdirectory("ia-sim-signal-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Sim_Sigterm_StopsBetweenInstants_AndWritesAnInterruptedSummary()
    {
        var run = Path.Combine(directory, "run");
        using var sim = ImpalaProcess.Start(["sim", "--run-dir", run, "--set", "impala.run.max-frames=1000000000", "--set", "impala.run.target-return=null",
            "--set", "impala.sim.duration=86400s", "--set", "impala.learner.batch-size=2", "--set", "impala.rollout.envs-per-actor=2"]);
        var progress = sim.Line(l => l.Contains("s virtual] frames", StringComparison.Ordinal));
        Assert.True(await Task.WhenAny(progress, Task.Delay(Patience)) == progress, $"no progress line within {Patience}:\n{sim.Output}");
        sim.Signal("TERM");
        Assert.True(sim.WaitForExit(Patience), $"still running {Patience} after SIGTERM:\n{sim.Output}");
        Assert.True(sim.ExitCode == CliApp.Failed, $"exit {sim.ExitCode} after SIGTERM, expected {CliApp.Failed} (stopped before its end):\n{sim.Output}");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal("interrupted", summary.RootElement.GetProperty("stop_reason").GetString());
        Assert.Contains("impala sim: stopped (interrupted)", sim.Output);
        Assert.Contains("impala sim: invariants held", sim.Output);
    }
}
