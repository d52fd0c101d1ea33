namespace ImpalaAkka.Impala.Learning;

/// <summary>A V-trace JSON input that cannot be used; the message names the file, the field and the reason.</summary>
public sealed class VTraceInputException(string message) : Exception(message);
