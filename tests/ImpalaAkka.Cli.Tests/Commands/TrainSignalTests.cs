using System.Text.Json;

namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary><c>impala train</c> as a child process, stopped by a signal: SIGTERM is a clean stop exactly like Ctrl-C.</summary>
public sealed class TrainSignalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string directory = Directory.CreateTempSubdirectory("ia-train-signal-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Train_Signal_StopsCleanlyAndWritesSummary(string signal)
    {
        var run = Path.Combine(directory, "run");
        using var train = ImpalaProcess.Start(["train", "--plain", "--run-dir", run, "--max-frames", "1000000000",
            "--set", "impala.learner.batch-size=2", "--set", "impala.rollout.envs-per-actor=2", "--set", "impala.run.log-every=100ms"]);
        // A progress line comes after the signal handlers are in place.
        var progress = train.Line(l => l.StartsWith('[') && l.Contains("frames", StringComparison.Ordinal));
        Assert.True(await Task.WhenAny(progress, Task.Delay(Patience)) == progress, $"no progress line within {Patience}:\n{train.Output}");
        train.Signal(signal);
        Assert.True(train.WaitForExit(Patience), $"still running {Patience} after SIG{signal}:\n{train.Output}");
        Assert.True(train.ExitCode == CliApp.Failed, $"exit {train.ExitCode} after SIG{signal}, expected {CliApp.Failed} (stopped before its goal):\n{train.Output}");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal("interrupted", summary.RootElement.GetProperty("stop_reason").GetString());
        Assert.Contains("stopped (interrupted)", train.Output);
    }
}
