using ImpalaAkka.Config;
using Cfg = ImpalaAkka.Config.Config;

namespace ImpalaAkka.Simulation;

/// <summary>The <c>impala.sim</c> section: nodes, virtual costs, network faults, protocol timers and the fault schedule.</summary>
public sealed record SimSettings(
    int RolloutNodes,
    TimeSpan Duration,
    TimeSpan RoundCost,
    TimeSpan StepCost,
    NetworkSettings Network,
    TimeSpan ConfirmTimeout,
    TimeSpan RedeliveryTimeout,
    TimeSpan Heartbeat,
    IReadOnlyList<FaultEvent> Events,
    RandomFaults Random,
    string Root)
{
    public static SimSettings Bind(Cfg c)
    {
        var nodes = c.GetInt("impala.sim.rollout-nodes");
        if (nodes is < 1 or > 64) throw c.Invalid("impala.sim.rollout-nodes", $"must be in 1..64, got {nodes}");
        var events = c.GetStringList("impala.sim.faults.events")
            .Select((text, i) => FaultEvent.Parse(text, i, nodes, reason => c.Invalid("impala.sim.faults.events", reason)))
            .ToList();
        return new SimSettings(
            nodes,
            Positive(c, "impala.sim.duration"),
            Positive(c, "impala.sim.round-cost"),
            Positive(c, "impala.sim.step-cost"),
            new NetworkSettings(
                c.GetDuration("impala.sim.network.latency-min"),
                c.GetDuration("impala.sim.network.latency-max") is var max && max >= c.GetDuration("impala.sim.network.latency-min")
                    ? max : throw c.Invalid("impala.sim.network.latency-max", "must be >= latency-min"),
                Probability(c, "impala.sim.network.drop"),
                Probability(c, "impala.sim.network.duplicate"),
                Probability(c, "impala.sim.network.reorder"),
                c.GetDuration("impala.sim.network.reorder-delay")),
            Positive(c, "impala.sim.confirm-timeout"),
            Positive(c, "impala.sim.redelivery-timeout"),
            Positive(c, "impala.sim.heartbeat"),
            events,
            new RandomFaults(
                NonNegative(c, "impala.sim.faults.random.rollout-crashes"),
                NonNegative(c, "impala.sim.faults.random.partitions"),
                NonNegative(c, "impala.sim.faults.random.learner-crashes"),
                Positive(c, "impala.sim.faults.random.down-time"),
                Positive(c, "impala.sim.faults.random.partition-time"),
                c.GetDuration("impala.sim.faults.random.window") is var w && w > TimeSpan.FromSeconds(1)
                    ? w : throw c.Invalid("impala.sim.faults.random.window", $"must be more than 1s, got {w}")),
            c.GetString("impala.sim.root"));
    }

    private static TimeSpan Positive(Cfg c, string path) =>
        c.GetDuration(path) is var d && d > TimeSpan.Zero ? d : throw c.Invalid(path, $"must be > 0, got {d}");

    private static int NonNegative(Cfg c, string path) =>
        c.GetInt(path) is var v && v >= 0 ? v : throw c.Invalid(path, $"must be >= 0, got {v}");

    private static double Probability(Cfg c, string path) =>
        c.GetDouble(path) is var p && p is >= 0 and <= 1 ? p : throw c.Invalid(path, $"must be a probability in [0, 1], got {p}");
}

public sealed record NetworkSettings(TimeSpan LatencyMin, TimeSpan LatencyMax, double Drop, double Duplicate, double Reorder, TimeSpan ReorderDelay);

public sealed record RandomFaults(int RolloutCrashes, int Partitions, int LearnerCrashes, TimeSpan DownTime, TimeSpan PartitionTime, TimeSpan Window)
{
    public bool Any => RolloutCrashes + Partitions + LearnerCrashes > 0;
}
