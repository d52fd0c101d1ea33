using System.Diagnostics;
using ImpalaAkka.Config;

namespace ImpalaAkka.Experiments;

/// <summary>
/// Runs a cell as its own process: <c>impala train --plain</c> (or <c>impala sim</c>) with the cell's
/// base config, assignments and run directory; output goes to <c>output.log</c> in that directory.
/// A cell that exceeds the experiment's cell timeout is killed and counts as failed. On cancellation (the experiment
/// interrupted) a cell gets SIGTERM, so that <c>impala train</c> writes its checkpoint and an interrupted summary and a
/// rerun resumes it; it is killed only if it has not exited <c>stopGrace</c> later.
/// </summary>
/// <param name="dotnet">the host that runs <paramref name="impalaDll"/> with the cell's arguments after it.</param>
public sealed class ProcessCellExecutor(string dotnet, string impalaDll, TimeSpan stopGrace) : ICellExecutor
{
    /// <summary>Time for <c>impala train</c> to checkpoint and exit after SIGTERM.</summary>
    public static readonly TimeSpan DefaultStopGrace = TimeSpan.FromSeconds(60);

    public ProcessCellExecutor(string dotnet, string impalaDll)
        : this(dotnet, impalaDll, DefaultStopGrace)
    {
    }

    public async Task<CellOutcome> RunAsync(ExperimentSpec spec, Cell cell, string runDirectory, bool resume, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(impalaDll);
        start.ArgumentList.Add(spec.Wiring);
        if (spec.Wiring == "train") start.ArgumentList.Add("--plain");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(cell.Config);
        start.ArgumentList.Add("--run-dir");
        start.ArgumentList.Add(runDirectory);
        if (resume) start.ArgumentList.Add("--resume");
        foreach (var assignment in cell.Assignments)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(assignment);
        }
        // Everything that can fail is set up before the child starts: a cell is never left running unwatched.
        Directory.CreateDirectory(runDirectory);
        var logPath = Path.Combine(runDirectory, "output.log");
        await using var log = new StreamWriter(logPath, append: true);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet}");
        try
        {
            return await FollowAsync(spec, process, log, timeout, cancellation).ConfigureAwait(false);
        }
        catch (Exception) when (!process.HasExited)
        {
            await ChildProcessStop.KillAsync(process).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<CellOutcome> FollowAsync(ExperimentSpec spec, Process process, StreamWriter log, CancellationTokenSource timeout, CancellationToken cancellation)
    {
        var lines = new List<string>();
        var gate = new object();
        var closed = false; // once the outcome is decided the log is about to close: a line a lingering grandchild writes later is dropped
        void Collect(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                if (closed) return;
                log.WriteLine(line);
                lines.Add(line);
            }
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        timeout.CancelAfter(spec.CellTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            var clean = await ChildProcessStop.InterruptAsync(process, stopGrace).ConfigureAwait(false);
            return Stopped(clean ? "interrupted" : $"interrupted; killed {stopGrace} after SIGTERM without exiting");
        }
        catch (OperationCanceledException)
        {
            await ChildProcessStop.KillAsync(process).ConfigureAwait(false);
            return Stopped($"killed after the cell timeout of {spec.CellTimeout}");
        }
        process.WaitForExit(); // flush the asynchronous output readers
        lock (gate)
        {
            closed = true;
            return new CellOutcome(process.ExitCode == 0, process.ExitCode, string.Join(" | ", lines.TakeLast(3)));
        }

        CellOutcome Stopped(string detail)
        {
            lock (gate)
            {
                closed = true;
                return new CellOutcome(false, process.HasExited ? process.ExitCode : -1, detail);
            }
        }
    }
}
