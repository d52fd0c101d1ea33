namespace ImpalaAkka.Simulation.Trace;

/// <summary>The simulation stopped (<c>Stop</c>: max-frames, target-return, duration or stalled) with the learner at <c>Version</c>.</summary>
public sealed record RunEnded(TimeSpan At, string Stop, long Version, long Frames) : TraceEvent(At)
{
    public override string Text => $"end ({Stop}) version {Version} frames {Frames}";
}
