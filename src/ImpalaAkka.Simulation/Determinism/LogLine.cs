using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Simulation.Determinism;

/// <summary>
/// One log event of a deterministic system, stamped with virtual time. Akka's own timestamp and
/// thread are left out (wall clock); <see cref="Message"/> is Akka's text and may name actor
/// references with their random UIDs (<c>#12345</c>), so keep it out of reproducibility hashes.
/// </summary>
public sealed record LogLine(TimeSpan At, RuntimeEventLevel Level, string Source, string Message, Exception? Cause);
