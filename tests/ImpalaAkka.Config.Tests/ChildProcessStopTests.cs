using System.Diagnostics;

namespace ImpalaAkka.Config.Tests;

/// <summary>Real bash children: one that exits on SIGTERM with a code of its own, one that ignores SIGTERM and must be killed.</summary>
public sealed class ChildProcessStopTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30); // only against a hang

    /// <summary>Starts <c>bash -c</c> with <paramref name="trap"/> installed, and returns once it says so.</summary>
    private static async Task<Process> Child(string trap)
    {
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var arg in (string[])["-c", $"{trap}; echo ready; while true; do sleep 0.1; done"]) start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        Assert.Equal("ready", await process.StandardOutput.ReadLineAsync().WaitAsync(Patience));
        return process;
    }

    private static Task<bool> Interrupt(Process process, TimeSpan limit, bool async) =>
        async ? ChildProcessStop.InterruptAsync(process, limit) : Task.FromResult(ChildProcessStop.Interrupt(process, limit));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Interrupt_ChildThatTrapsSigterm_ExitsByItself(bool async)
    {
        using var child = await Child("trap 'echo got-term; exit 7' TERM");
        Assert.True(await Interrupt(child, Patience, async).WaitAsync(Patience + Patience));
        Assert.Equal(7, child.ExitCode);
        Assert.Equal("got-term", await child.StandardOutput.ReadLineAsync().WaitAsync(Patience));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Interrupt_ChildThatIgnoresSigterm_IsKilledAfterTheLimit(bool async)
    {
        using var child = await Child("trap '' TERM");
        var clock = Stopwatch.StartNew();
        Assert.False(await Interrupt(child, TimeSpan.FromMilliseconds(500), async).WaitAsync(Patience));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(500), $"killed after {clock.Elapsed}, before the 500 ms it had");
        Assert.True(child.HasExited);
        Assert.Equal(128 + 9, child.ExitCode); // SIGKILL
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Interrupt_ChildThatHasExited_IsClean(bool async)
    {
        using var child = Process.Start("bash", ["-c", "exit 3"]);
        Assert.True(child.WaitForExit(Patience));
        Assert.True(await Interrupt(child, Patience, async));
        Assert.Equal(3, child.ExitCode);
    }
}
