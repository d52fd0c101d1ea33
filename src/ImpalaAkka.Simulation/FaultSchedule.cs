using System.Globalization;
using ImpalaAkka.Impala.Common;

namespace ImpalaAkka.Simulation;

/// <summary>
/// One random fault schedule of the search, drawn from its seed: crash/restart pairs of rollout
/// nodes and of the learner, partitions (also of the broker), lost parameter broadcasts, loss bursts,
/// and the network's drop, duplicate and reorder rates. <see cref="Assignments"/> reproduces it with
/// <c>impala sim --seed S --set ...</c>.
/// </summary>
public sealed record FaultSchedule(int Seed, IReadOnlyList<FaultEvent> Events, double Drop, double Duplicate, double Reorder)
{
    /// <summary>Draws schedule <paramref name="seed"/> for <paramref name="rolloutNodes"/> rollout nodes, its faults inside (0.2 s, <paramref name="window"/>).</summary>
    public static FaultSchedule Draw(int seed, int rolloutNodes, TimeSpan window)
    {
        var rng = Rng.Derive(seed, -30);
        var events = new List<FaultEvent>();
        TimeSpan When() => TimeSpan.FromMilliseconds(Math.Round(200 + rng.NextDouble() * (window.TotalMilliseconds - 200)));
        TimeSpan Length() => TimeSpan.FromMilliseconds(Math.Round(50 + rng.NextDouble() * 1500));
        string RolloutNode() => $"rollout-{rng.NextInt(rolloutNodes)}";
        string AnyNode() => rng.NextInt(rolloutNodes + 2) switch { 0 => "learner", 1 => "broker", var i => $"rollout-{i - 2}" };
        for (int i = 0, n = rng.NextInt(4); i < n; i++)
        {
            var (at, node) = (When(), RolloutNode());
            events.Add(new FaultEvent(at, FaultKind.Crash, node, "", TimeSpan.Zero, 0));
            events.Add(new FaultEvent(at + Length(), FaultKind.Restart, node, "", TimeSpan.Zero, 0));
        }
        for (int i = 0, n = rng.NextInt(3); i < n; i++)
        {
            var at = When();
            events.Add(new FaultEvent(at, FaultKind.Crash, "learner", "", TimeSpan.Zero, 0));
            events.Add(new FaultEvent(at + Length(), FaultKind.Restart, "learner", "", TimeSpan.Zero, 0));
        }
        for (int i = 0, n = rng.NextInt(4); i < n; i++)
        {
            var (a, b) = (AnyNode(), AnyNode());
            if (a != b) events.Add(new FaultEvent(When(), FaultKind.Partition, a, b, Length(), 0));
        }
        for (int i = 0, n = rng.NextInt(3); i < n; i++) events.Add(new FaultEvent(When(), FaultKind.DropParams, RolloutNode(), "", Length(), 0));
        for (int i = 0, n = rng.NextInt(3); i < n; i++) events.Add(new FaultEvent(When(), FaultKind.Loss, "", "", Length(), Math.Round(rng.NextDouble(), 2)));
        var (drop, duplicate, reorder) = (Math.Round(rng.NextDouble() * 0.1, 3), Math.Round(rng.NextDouble() * 0.1, 3), Math.Round(rng.NextDouble() * 0.3, 3));
        return new FaultSchedule(seed, [.. events.OrderBy(e => e.At)], drop, duplicate, reorder);
    }

    /// <summary>The <c>--set</c> assignments that replay this schedule.</summary>
    public IReadOnlyList<string> Assignments =>
    [
        $"impala.seed={Seed}",
        "impala.sim.faults.events=[" + string.Join(", ", Events.Select(e => $"\"{e}\"")) + "]",
        string.Create(CultureInfo.InvariantCulture, $"impala.sim.network.drop={Drop}"),
        string.Create(CultureInfo.InvariantCulture, $"impala.sim.network.duplicate={Duplicate}"),
        string.Create(CultureInfo.InvariantCulture, $"impala.sim.network.reorder={Reorder}"),
    ];
}
