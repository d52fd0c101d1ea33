namespace ImpalaAkka.Experiments;

/// <summary>
/// What one folder under <c>runs/</c> holds, as <see cref="RunRecord.Load"/> found it: a finished run, an unfinished one
/// (<c>Why</c>: no summary.json, or the stop reason it records), or one with a file the report cannot use (<c>File</c>, and the <c>Reason</c>: unreadable, not JSON, a field missing).
/// <c>Directory</c> is the folder's name under <c>runs/</c>.
/// </summary>
public abstract record RunFolder(string Directory)
{
    public sealed record Finished(RunRecord Run) : RunFolder(Run.Directory);

    public sealed record Unfinished(string Directory, string Why) : RunFolder(Directory);

    public sealed record Unusable(string Directory, string File, string Reason) : RunFolder(Directory);
}
