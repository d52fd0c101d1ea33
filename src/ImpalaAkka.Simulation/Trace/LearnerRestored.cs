namespace ImpalaAkka.Simulation.Trace;

/// <summary>A (re)started learner loaded the checkpoint of step <c>Step</c>.</summary>
public sealed record LearnerRestored(TimeSpan At, long Step) : TraceEvent(At)
{
    public override string Text => $"learner restored at step {Step}";
}
