namespace ImpalaAkka.Impala.Training;

/// <summary>Why a run ended: what <see cref="TrainingMonitor.Completion"/> completes with. <see cref="StopReasons.ToText"/> is how it is written.</summary>
public enum StopReason
{
    /// <summary>The frame budget (impala.run.max-frames) is spent.</summary>
    MaxFrames,

    /// <summary>The mean return over the last 100 episodes reached impala.run.target-return.</summary>
    TargetReturn,

    /// <summary>The run was cancelled (Ctrl-C, SIGTERM).</summary>
    Interrupted,

    /// <summary>The learner actor stopped; nothing can progress without it.</summary>
    LearnerStopped,

    /// <summary>Every rollout actor stopped for good (each failed more than supervision.max-restarts times); no unroll can come.</summary>
    RolloutActorsStopped,

    /// <summary>
    /// A checkpoint or one of the learner's records (a learner node's accepted, learned, dropped and held logs) could not be
    /// written (disk full, folder gone): the run stops rather than learn on with steps a crash would take back.
    /// </summary>
    WriteFailed,

    /// <summary>A simulation reached impala.sim.duration of virtual time.</summary>
    Duration,

    /// <summary>A simulation had nothing left to run: no message and no timer due.</summary>
    Stalled,
}
