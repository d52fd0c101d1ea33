using System.Globalization;
using System.Text.RegularExpressions;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Simulation.Tests;

/// <summary>
/// Builds a small simulation from reference.conf plus assignments (CartPole, 2 rollout nodes,
/// a clean network unless a test says otherwise) and runs it, keeping the trace.
/// </summary>
internal static partial class Scenario
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

    public static (SimResult Result, IReadOnlyList<string> Trace) Run(params string[] assignments)
    {
        var config = SettingsLoader.LoadConfig(null, [.. Base, .. assignments]);
        IReadOnlyList<string> lines = [];
        var result = Simulation.Run(SettingsLoader.Bind(config), SimSettings.Bind(config), keepTrace: true, onTrace: t => lines = t.Lines);
        return (result, lines);
    }

    public static string Events(params string[] events) =>
        "impala.sim.faults.events=[" + string.Join(", ", events.Select(e => $"\"{e}\"")) + "]";

    /// <summary>(virtual time, node, lag) of every fresh unroll the learner learned, read from the trace.</summary>
    public static IEnumerable<(TimeSpan At, string Node, long Lag)> LearnedLags(IReadOnlyList<string> trace)
    {
        foreach (var line in trace)
        {
            var step = StepLine().Match(line);
            if (!step.Success) continue;
            var at = TimeSpan.FromTicks(long.Parse(step.Groups["us"].Value, CultureInfo.InvariantCulture) * 10);
            var version = long.Parse(step.Groups["v"].Value, CultureInfo.InvariantCulture);
            foreach (Match unroll in UnrollToken().Matches(step.Groups["rest"].Value))
            {
                yield return (at, unroll.Groups["node"].Value, version - long.Parse(unroll.Groups["uv"].Value, CultureInfo.InvariantCulture));
            }
        }
    }

    public static void AssertInvariants(SimResult r)
    {
        Assert.True(r.InvariantsHeld, "violations: " + string.Join("; ", r.Violations.Take(5)));
        Assert.Equal(0, r.Lost);
        Assert.Equal(0, r.LearnedTwice);
        Assert.Equal("max-frames", r.StopReason);
    }

    [GeneratedRegex(@"^\s*(?<us>\d+) learner step \d+ at v(?<v>\d+): (?<rest>.*)$")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"(?<node>[a-z]+-\d+)/\d+\.\d+#\d+@v(?<uv>\d+)")]
    private static partial Regex UnrollToken();
}
