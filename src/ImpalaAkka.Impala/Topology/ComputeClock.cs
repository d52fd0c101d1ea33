namespace ImpalaAkka.Impala.Topology;

/// <summary>
/// How long the roles' compute takes on the clock they run by. On real time it is zero: compute takes
/// the time it takes. The simulation runs on virtual time, where compute is instantaneous, and charges
/// each rollout round and learner step its configured cost instead: results then appear that much later.
/// </summary>
public sealed record ComputeClock(TimeSpan RoundCost, TimeSpan StepCost)
{
    public static readonly ComputeClock RealTime = new(TimeSpan.Zero, TimeSpan.Zero);
}
