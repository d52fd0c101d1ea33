using System.Diagnostics;
using System.Globalization;

namespace ImpalaAkka.Cluster;

/// <summary>
/// An <c>impala node</c> child process whose output goes to a log file: started with the given
/// role, name, config, folder and <c>--set</c> assignments; stopped with SIGINT (clean) or SIGKILL.
/// </summary>
public sealed class NodeProcess
{
    private readonly Process process;
    private readonly StreamWriter log;
    private readonly object gate = new();

    private NodeProcess(Process process, string logPath, string node)
    {
        this.process = process;
        Node = node;
        LogPath = logPath;
        log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Node { get; }

    public string LogPath { get; }

    public bool HasExited => process.HasExited;

    /// <param name="dotnet">The dotnet host; <paramref name="impalaDll"/> the CLI.</param>
    public static NodeProcess Start(string dotnet, string impalaDll, string role, string node, string config, string runDirectory, IEnumerable<string> sets, string logPath)
    {
        var start = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[impalaDll, "node", "--role", role, "--node", node, "--config", config, "--run-dir", runDirectory]) start.ArgumentList.Add(arg);
        foreach (var set in sets)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(set);
        }
        return new NodeProcess(Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet}"), logPath, node);
    }

    /// <summary>SIGKILL: no chance to checkpoint, ack or flush.</summary>
    public void Kill()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    /// <summary>SIGINT, then a bounded wait for a clean exit (killed if it does not come).</summary>
    public bool Interrupt(TimeSpan limit)
    {
        if (process.HasExited) return true;
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) kill?.WaitForExit(5_000);
        if (process.WaitForExit(limit)) return true;
        Kill();
        return false;
    }

    private void Write(string? line)
    {
        if (line is null) return;
        lock (gate) log.WriteLine(line);
    }
}
