using ImpalaAkka.Impala.Common;

namespace ImpalaAkka.Impala.Training;

/// <summary>The one text of each <see cref="StopReason"/>: summary.json's stop_reason and the console's "stopped (...)".</summary>
public static class StopReasons
{
    internal static readonly NameTable<StopReason> Names = new(
        (StopReason.MaxFrames, "max-frames"),
        (StopReason.TargetReturn, "target-return"),
        (StopReason.Interrupted, "interrupted"),
        (StopReason.LearnerStopped, "learner stopped"),
        (StopReason.RolloutActorsStopped, "rollout actors stopped"),
        (StopReason.WriteFailed, "write failed"),
        (StopReason.Duration, "duration"),
        (StopReason.Stalled, "stalled"));

    public static string ToText(this StopReason reason) => Names.NameOf(reason);
}
