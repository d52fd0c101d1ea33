namespace ImpalaAkka.Experiments;

/// <summary>
/// Where an experiment run stands. <c>Skipped</c> cells finished in an earlier run; <c>Finished</c>
/// counts this run's cells that ended, <c>Failed</c> included; <c>Eta</c> is null until one has.
/// </summary>
public sealed record ExperimentProgress(int Total, int Skipped, int Finished, int Failed, int Running, TimeSpan? Eta)
{
    /// <summary>Cells with a result, of <see cref="Total"/>: what a progress bar shows.</summary>
    public int Completed => Skipped + Finished;

    /// <summary>Cells neither finished nor running yet.</summary>
    public int Waiting => Total - Completed - Running;
}
