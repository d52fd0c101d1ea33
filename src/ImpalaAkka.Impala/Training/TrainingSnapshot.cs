using ImpalaAkka.Impala.Learning;

namespace ImpalaAkka.Impala.Training;

/// <summary>
/// A consistent view of a run's progress at one moment. <c>ReturnMean100ByTask</c>: for each task (the
/// name its unrolls carry) that finished an episode, the mean return of its last 100 episodes.
/// </summary>
public sealed record TrainingSnapshot(
    long Frames,
    long LearnerSteps,
    long Episodes,
    double WallSeconds,
    double? ReturnMean100,
    double? LengthMean100,
    int ReturnWindow,
    double LagMean,
    long LagMax,
    IReadOnlyDictionary<long, long> LagHistogram,
    IReadOnlyDictionary<string, long> Dropped,
    long UnrollsUsed,
    long UnrollsReplayed,
    long ActorRestarts,
    long ActorsStopped,
    long DeadLetters,
    long? FramesToTarget,
    double? WallSecondsToTarget,
    StepMetrics? Last,
    IReadOnlyDictionary<string, double> ReturnMean100ByTask)
{
    /// <summary>What a checkpoint keeps of this snapshot so a resumed run continues every counter.</summary>
    public RunCounts Counts => new(UnrollsUsed, UnrollsReplayed, LagHistogram, Dropped, ActorRestarts, ActorsStopped, DeadLetters, FramesToTarget, WallSecondsToTarget);
}
