using System.Diagnostics;
using System.Globalization;
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
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "impala.dll"), "train", "--plain", "--run-dir", run, "--max-frames", "1000000000",
            "--set", "impala.learner.batch-size=2", "--set", "impala.rollout.envs-per-actor=2", "--set", "impala.run.log-every=100ms"]) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var started = new TaskCompletionSource();
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
            // The first progress line comes after the handlers are in place and learning has begun.
            if (e.Data?.Contains("frames", StringComparison.Ordinal) == true && !e.Data.StartsWith("impala train:", StringComparison.Ordinal)) started.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Assert.True(await Task.WhenAny(started.Task, Task.Delay(Patience)) == started.Task, $"no progress line within {Patience}:\n{output}");
            using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])!) kill.WaitForExit(5_000);
            Assert.True(process.WaitForExit(Patience), $"still running {Patience} after SIG{signal}:\n{output}");
            process.WaitForExit();
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        Assert.True(process.ExitCode == CliApp.Failed, $"exit {process.ExitCode} after SIG{signal}, expected {CliApp.Failed} (stopped before its goal):\n{output}");
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.Equal("interrupted", summary.RootElement.GetProperty("stop_reason").GetString());
        Assert.Contains("stopped (interrupted)", output.ToString());
    }
}
