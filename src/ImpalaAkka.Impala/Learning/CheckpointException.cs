namespace ImpalaAkka.Impala.Learning;

/// <summary>A checkpoint was refused: missing, corrupt, truncated, of another format, or not fitting this learner. The message names the file and the reason.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
