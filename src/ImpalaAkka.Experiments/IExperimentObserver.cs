namespace ImpalaAkka.Experiments;

/// <summary>
/// Follows an <see cref="ExperimentRunner"/>. The runner calls it one call at a time and in order,
/// from whichever thread a cell ended on, so an observer needs no locking of its own; it should
/// return quickly, as the other cells' bookkeeping waits for it.
/// </summary>
public interface IExperimentObserver
{
    /// <summary>The grid is expanded; <paramref name="resuming"/> of the cells to run continue from a checkpoint.</summary>
    void Planned(string experiment, int parallel, int resuming, ExperimentProgress progress) { }

    void CellStarted(Cell cell, ExperimentProgress progress) { }

    void CellFinished(Cell cell, CellOutcome outcome, TimeSpan duration, ExperimentProgress progress) { }
}
