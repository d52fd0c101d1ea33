namespace ImpalaAkka.Simulation;

/// <summary>What a scheduled fault does (see <see cref="FaultEvent"/>).</summary>
public enum FaultKind
{
    Crash,
    Restart,
    Partition,
    DropParams,
    Loss,
}
