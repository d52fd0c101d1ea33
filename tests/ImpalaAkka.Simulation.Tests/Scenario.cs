using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Simulation.Trace;

namespace ImpalaAkka.Simulation.Tests;

/// <summary>
/// Builds a small simulation from reference.conf plus assignments (CartPole, 2 rollout nodes,
/// a clean network unless a test says otherwise) and runs it, keeping the trace's events.
/// </summary>
internal static class Scenario
{
    private static readonly string[] Base =
    [
        "impala.run.max-frames=12000",
        "impala.learner.batch-size=4",
        "impala.rollout.envs-per-actor=4",
        "impala.learner.optimizer.learning-rate=3e-3",
        "impala.sim.rollout-nodes=2",
        "impala.sim.round-cost=80ms",
        "impala.sim.step-cost=20ms",
        "impala.sim.duration=60s",
        "impala.sim.confirm-timeout=300ms",
        "impala.sim.redelivery-timeout=600ms",
        "impala.sim.heartbeat=200ms",
    ];

    public static (SimResult Result, IReadOnlyList<TraceEvent> Trace) Run(params string[] assignments) => Run(null, assignments);

    /// <param name="onSnapshot">Gets the run's progress every virtual second.</param>
    public static (SimResult Result, IReadOnlyList<TraceEvent> Trace) Run(Action<Impala.Training.TrainingSnapshot>? onSnapshot, string[] assignments,
        CancellationToken cancellation = default)
    {
        var config = SettingsLoader.LoadConfig(null, [.. Base, .. assignments]);
        IReadOnlyList<TraceEvent> events = [];
        var result = Simulation.Run(SettingsLoader.Bind(config), SimSettings.Bind(config), keepTrace: true, onTrace: t => events = t.Events,
            onSnapshot: onSnapshot, cancellation: cancellation);
        return (result, events);
    }

    public static string Events(params string[] events) =>
        "impala.sim.faults.events=[" + string.Join(", ", events.Select(e => $"\"{e}\"")) + "]";

    /// <summary>(virtual time, node, lag) of every fresh unroll the learner learned.</summary>
    public static IEnumerable<(TimeSpan At, string Node, long Lag)> LearnedLags(IReadOnlyList<TraceEvent> trace) =>
        trace.OfType<LearnerStepped>().SelectMany(step => step.Lags.Select(l => (step.At, l.Node, l.Lag)));

    public static void AssertInvariants(SimResult r, string stopReason = "max-frames")
    {
        Assert.True(r.InvariantsHeld, "violations: " + string.Join("; ", r.Violations.Take(5)));
        Assert.Equal(0, r.Lost);
        Assert.Equal(0, r.LearnedTwice);
        Assert.Equal(stopReason, r.StopReason);
    }
}
