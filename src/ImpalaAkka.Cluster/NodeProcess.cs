using System.Diagnostics;
using ImpalaAkka.Config;

namespace ImpalaAkka.Cluster;

/// <summary>
/// An <c>impala node</c> child process whose output goes to a log file (and optionally a console): started with the given
/// role, name, config, folder and <c>--set</c> assignments; stopped with SIGTERM (clean) or SIGKILL.
/// </summary>
public sealed class NodeProcess
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly object gate = new();
    private readonly ManualResetEventSlim outputEnded = new();
    private readonly ManualResetEventSlim errorEnded = new();

    private readonly Action<string>? echo;

    private NodeProcess(Process process, string logPath, string node, Action<string>? echo)
    {
        this.echo = echo;
        this.process = process;
        Node = node;
        LogPath = logPath;
        log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        // Each stream's reader raises its lines in order and then null, at the end of the stream.
        process.OutputDataReceived += (_, e) => Write(e.Data, outputEnded);
        process.ErrorDataReceived += (_, e) => Write(e.Data, errorEnded);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Node { get; }

    public string LogPath { get; }

    /// <summary>Whether the process has exited; once it has, its last lines are in the log (a suite run read the log of an exited node without them).</summary>
    public bool HasExited => process.HasExited && Drained();

    /// <summary>The exit code once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Waits (bounded) for the process to exit on its own, and then for its last lines to reach the log.</summary>
    public bool WaitForExit(TimeSpan limit) => process.WaitForExit(limit) && Drained();

    /// <param name="dotnet">The dotnet host; <paramref name="impalaDll"/> the CLI.</param>
    /// <param name="echo">also sees every line the node writes (e.g. to stream it to a console).</param>
    /// <param name="wrapper">a command that runs the node in its place (e.g. <c>ip netns exec NS</c>); it must exec the
    /// node rather than fork it, so that signals sent to this process reach the node.</param>
    public static NodeProcess Start(string dotnet, string impalaDll, string role, string node, string config, string runDirectory, IEnumerable<string> sets, string logPath,
        Action<string>? echo = null, IReadOnlyList<string>? wrapper = null)
    {
        string[] command = [.. wrapper ?? [], dotnet];
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[.. command[1..], impalaDll, "node", "--role", role, "--node", node, "--config", config, "--run-dir", runDirectory]) start.ArgumentList.Add(arg);
        foreach (var set in sets)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(set);
        }
        return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}"), logPath, node, echo);
    }

    /// <summary>SIGKILL: no chance to checkpoint, ack or flush.</summary>
    public void Kill() => ChildProcessStop.Kill(process);

    /// <summary>SIGTERM, then a bounded wait for a clean exit (killed if it does not come); see <see cref="ChildProcessStop"/>.</summary>
    public bool Interrupt(TimeSpan limit)
    {
        var clean = ChildProcessStop.Interrupt(process, limit);
        if (process.HasExited) Drained();
        return clean;
    }

    /// <summary>
    /// For an exited process: waits (bounded: a grandchild could hold a pipe open) until the readers have passed every line
    /// to the log. Process.WaitForExit with a limit may return before they have.
    /// </summary>
    private bool Drained()
    {
        outputEnded.Wait(DrainLimit);
        errorEnded.Wait(DrainLimit);
        return true;
    }

    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    private void Write(string? line, ManualResetEventSlim ended)
    {
        if (line is null)
        {
            ended.Set();
            return;
        }
        lock (gate) log.WriteLine(line);
        echo?.Invoke(line);
    }
}
