using System.Diagnostics;

namespace ImpalaAkka.Experiments;

/// <summary>
/// Runs a cell as its own process: <c>impala train --plain</c> (or <c>impala sim</c>) with the cell's
/// base config, assignments and run directory; output goes to <c>output.log</c> in that directory.
/// A cell that exceeds the experiment's cell timeout is killed and counts as failed.
/// </summary>
public sealed class ProcessCellExecutor(string dotnet, string impalaDll) : ICellExecutor
{
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
        Directory.CreateDirectory(runDirectory);
        var logPath = Path.Combine(runDirectory, "output.log");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dotnet}");
        await using var log = new StreamWriter(logPath, append: true);
        var lines = new List<string>();
        var gate = new object();
        void Collect(string? line)
        {
            if (line is null) return;
            lock (gate)
            {
                log.WriteLine(line);
                lines.Add(line);
            }
        }
        process.OutputDataReceived += (_, e) => Collect(e.Data);
        process.ErrorDataReceived += (_, e) => Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(spec.CellTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            return new CellOutcome(false, -1, cancellation.IsCancellationRequested ? "interrupted" : $"killed after the cell timeout of {spec.CellTimeout}");
        }
        process.WaitForExit(); // flush the asynchronous output readers
        lock (gate)
        {
            return new CellOutcome(process.ExitCode == 0, process.ExitCode, string.Join(" | ", lines.TakeLast(3)));
        }
    }
}
