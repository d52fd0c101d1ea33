namespace ImpalaAkka.Cluster.Wire;

/// <summary>A message off the wire that cannot be used; the message names the field and the reason. It is dead-lettered, never fatal.</summary>
public sealed class WireException(string message, Exception? inner = null) : Exception(message, inner);
