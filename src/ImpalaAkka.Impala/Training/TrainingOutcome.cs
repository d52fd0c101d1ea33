namespace ImpalaAkka.Impala.Training;

/// <summary>How a run ended: why, the final numbers, the final version, and a checkpoint problem if the last checkpoint could not be written.</summary>
public sealed record TrainingOutcome(StopReason StopReason, TrainingSnapshot Final, long FinalVersion, string? CheckpointError);
