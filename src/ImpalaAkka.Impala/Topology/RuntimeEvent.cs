namespace ImpalaAkka.Impala.Topology;

/// <summary>A failure, restart or notable event reported by Akka or a role, for logs, consoles and tests.</summary>
public sealed record RuntimeEvent(RuntimeEventLevel Level, string Source, string Text, Exception? Exception = null);
