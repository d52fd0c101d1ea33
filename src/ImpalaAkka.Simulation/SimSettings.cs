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
        var nodes = c.GetIntWithin("impala.sim.rollout-nodes", 1, 64);
        // One thread steps every simulated node's environments.
        if ((long)nodes * c.GetInt("impala.rollout.actors") * c.GetInt("impala.rollout.envs-per-actor") is var environments and > MaxEnvironments)
        {
            throw c.Invalid("impala.sim.rollout-nodes", $"rollout-nodes x rollout.actors x rollout.envs-per-actor = {environments:N0} environments, more than the limit of {MaxEnvironments:N0}");
        }
        if (c.GetStringList("impala.sim.faults.events").Count is var count and > MaxEvents)
        {
            throw c.Invalid("impala.sim.faults.events", $"lists 0..{MaxEvents} events, got {count}");
        }
        var events = c.GetStringList("impala.sim.faults.events")
            .Select((text, i) => FaultEvent.Parse(text, i, nodes, reason => c.Invalid("impala.sim.faults.events", reason)))
            .ToList();
        return new SimSettings(
            nodes,
            Positive(c, "impala.sim.duration", TimeSpan.FromDays(1)),
            Positive(c, "impala.sim.round-cost", TimeSpan.FromHours(1)),
            Positive(c, "impala.sim.step-cost", TimeSpan.FromHours(1)),
            new NetworkSettings(
                c.GetDurationWithin("impala.sim.network.latency-min", TimeSpan.Zero, TimeSpan.FromMinutes(1)),
                c.GetDurationWithin("impala.sim.network.latency-max", TimeSpan.Zero, TimeSpan.FromMinutes(1)) is var max && max >= c.GetDuration("impala.sim.network.latency-min")
                    ? max : throw c.Invalid("impala.sim.network.latency-max", "must be >= latency-min"),
                Probability(c, "impala.sim.network.drop"),
                Probability(c, "impala.sim.network.duplicate"),
                Probability(c, "impala.sim.network.reorder"),
                c.GetDurationWithin("impala.sim.network.reorder-delay", TimeSpan.Zero, TimeSpan.FromMinutes(1))),
            Positive(c, "impala.sim.confirm-timeout", TimeSpan.FromMinutes(10)),
            Positive(c, "impala.sim.redelivery-timeout", TimeSpan.FromMinutes(10)),
            Positive(c, "impala.sim.heartbeat", TimeSpan.FromMinutes(1)),
            events,
            new RandomFaults(
                c.GetIntWithin("impala.sim.faults.random.rollout-crashes", 0, MaxRandomFaults),
                c.GetIntWithin("impala.sim.faults.random.partitions", 0, MaxRandomFaults),
                c.GetIntWithin("impala.sim.faults.random.learner-crashes", 0, MaxRandomFaults),
                Positive(c, "impala.sim.faults.random.down-time", TimeSpan.FromHours(1)),
                Positive(c, "impala.sim.faults.random.partition-time", TimeSpan.FromHours(1)),
                c.GetDuration("impala.sim.faults.random.window") is var w && w > TimeSpan.FromSeconds(1) && w <= TimeSpan.FromDays(1)
                    ? w : throw c.Invalid("impala.sim.faults.random.window", $"must be more than 1s and at most 1 day, got {Cfg.DurationText(w)}")),
            c.GetString("impala.sim.root"));
    }

    /// <summary>Most environments all simulated nodes step together (one thread steps them all).</summary>
    public const long MaxEnvironments = 4096;

    /// <summary>Most explicit fault events.</summary>
    public const int MaxEvents = 3000;

    /// <summary>Most random faults of each kind (each is a scheduled event).</summary>
    public const int MaxRandomFaults = 1000;

    private static TimeSpan Positive(Cfg c, string path, TimeSpan max) => c.GetDurationWithin(path, TimeSpan.FromMilliseconds(1), max);

    private static double Probability(Cfg c, string path) =>
        c.GetDouble(path) is var p && p is >= 0 and <= 1 ? p : throw c.Invalid(path, $"must be a probability in [0, 1], got {p}");
}

public sealed record NetworkSettings(TimeSpan LatencyMin, TimeSpan LatencyMax, double Drop, double Duplicate, double Reorder, TimeSpan ReorderDelay);

public sealed record RandomFaults(int RolloutCrashes, int Partitions, int LearnerCrashes, TimeSpan DownTime, TimeSpan PartitionTime, TimeSpan Window)
{
    public bool Any => RolloutCrashes + Partitions + LearnerCrashes > 0;
}
