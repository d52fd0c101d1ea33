namespace ImpalaAkka.Experiments;

/// <summary>
/// <see cref="ExperimentReport.Write"/> found no run to report; <see cref="Warnings"/> are the lines it would have returned,
/// saying why each folder under <c>runs/</c> was left out.
/// </summary>
public sealed class NoFinishedRunsException(string message, IReadOnlyList<string> warnings) : InvalidOperationException(message)
{
    public IReadOnlyList<string> Warnings { get; } = warnings;
}
