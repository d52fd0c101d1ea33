namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// The run's counters besides frames, steps and episodes, kept in the checkpoint so a resumed run's
/// summary counts from the run's start like those (older checkpoints have none: counted from the resume).
/// </summary>
public sealed record RunCounts(
    long UnrollsUsed,
    long UnrollsReplayed,
    IReadOnlyDictionary<long, long> LagHistogram,
    IReadOnlyDictionary<string, long> Dropped,
    long ActorRestarts,
    long ActorsStopped,
    long DeadLetters,
    long? FramesToTarget,
    double? WallSecondsToTarget);
