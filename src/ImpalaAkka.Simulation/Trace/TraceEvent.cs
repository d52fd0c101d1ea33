namespace ImpalaAkka.Simulation.Trace;

/// <summary>One event of a simulation at virtual time <c>At</c>; <see cref="Text"/> is its trace.log line (without the time), which the trace hash covers.</summary>
public abstract record TraceEvent(TimeSpan At)
{
    public abstract string Text { get; }
}
