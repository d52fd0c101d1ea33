namespace ImpalaAkka.Experiments;

/// <summary>Runs one cell into its run directory; <c>resume</c> when the directory holds a checkpoint to continue from.</summary>
public interface ICellExecutor
{
    Task<CellOutcome> RunAsync(ExperimentSpec spec, Cell cell, string runDirectory, bool resume, CancellationToken cancellation);
}

/// <summary>How a cell ended. <c>Detail</c> says why it failed (the end of its output).</summary>
public sealed record CellOutcome(bool Succeeded, int ExitCode, string Detail);
