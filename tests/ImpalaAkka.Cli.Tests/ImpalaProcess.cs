using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ImpalaAkka.Cli.Tests;

/// <summary>The real <c>impala</c> as a child process (optionally under a shell prefix), its output collected, stopped by signals; killed on dispose.</summary>
internal sealed class ImpalaProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource Seen)> waiters = [];

    private ImpalaProcess(ProcessStartInfo start)
    {
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <param name="shell">a <c>sh -c</c> script run first, which must <c>exec "$@"</c> (e.g. <c>trap '' INT; exec "$@"</c>).</param>
    public static ImpalaProcess Start(IEnumerable<string> args, string? shell = null)
    {
        string[] command = [Environment.ProcessPath!, Path.Combine(AppContext.BaseDirectory, "impala.dll"), .. args];
        var start = new ProcessStartInfo(shell is null ? command[0] : "sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])(shell is null ? command[1..] : ["-c", shell, "sh", .. command])) start.ArgumentList.Add(arg);
        return new ImpalaProcess(start);
    }

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public int ExitCode => process.ExitCode;

    /// <summary>Completes once a line matching <paramref name="matches"/> has been written (by either stream).</summary>
    public Task Line(Func<string, bool> matches)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (output)
        {
            if (output.ToString().Split('\n').Any(l => matches(l.TrimEnd('\r')))) seen.SetResult();
            else waiters.Add((matches, seen));
        }
        return seen.Task;
    }

    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit(5_000);
    }

    /// <summary>Waits (bounded) for the exit and the last output.</summary>
    public bool WaitForExit(TimeSpan limit)
    {
        if (!process.WaitForExit(limit)) return false;
        process.WaitForExit();
        return true;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.AppendLine(line);
            foreach (var waiter in waiters.Where(w => w.Matches(line)).ToList())
            {
                waiters.Remove(waiter);
                waiter.Seen.SetResult();
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
