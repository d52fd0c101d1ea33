namespace ImpalaAkka.Config;

/// <summary>A configuration that cannot be read or used. The message names the file, the line and the key where known, and the reason.</summary>
public sealed class ConfigException(string message) : Exception(message);
