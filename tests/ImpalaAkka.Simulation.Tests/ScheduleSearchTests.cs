using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Simulation.Tests;

/// <summary>The fault-schedule search on a few short schedules (the README's 1,000 are a benchmark, not a test).</summary>
[Collection(nameof(ScenarioTests))]
public sealed class ScheduleSearchTests
{
    private static readonly string[] Short =
    [
        "impala.env.name=cartpole", "impala.run.max-frames=100000000", "impala.rollout.envs-per-actor=2", "impala.rollout.unroll-length=20",
        "impala.learner.batch-size=2", "impala.sim.rollout-nodes=2", "impala.sim.duration=3s", "impala.sim.round-cost=50ms",
        "impala.sim.step-cost=20ms", "impala.sim.confirm-timeout=300ms", "impala.sim.redelivery-timeout=600ms",
        "impala.sim.heartbeat=200ms", "impala.sim.faults.random.window=2500ms",
    ];

    private static Config.Config Load(IReadOnlyList<string> schedule) => SettingsLoader.LoadConfig(null, [.. Short, .. schedule]);

    [Fact]
    public void Search_FourSchedulesOnTwoWorkers_HoldEveryInvariant_AndMatchOneWorker()
    {
        var seen = new List<(int Seed, string Trace)>();
        var two = ScheduleSearch.Run(Load, 4, 500, 2, (o, _) => seen.Add((o.Schedule.Seed, o.Result?.TraceSha256 ?? o.Error ?? "")));
        var one = new List<(int Seed, string Trace)>();
        ScheduleSearch.Run(Load, 4, 500, 1, (o, _) => one.Add((o.Schedule.Seed, o.Result?.TraceSha256 ?? o.Error ?? "")));
        Assert.Equal(0, two.Violating);
        Assert.Equal(4, two.Schedules);
        Assert.Equal(one.OrderBy(s => s.Seed), seen.OrderBy(s => s.Seed));
        Assert.Equal([500, 501, 502, 503], seen.Select(s => s.Seed).Order());
    }

    [Fact]
    public void Schedule_ReplayedFromItsAssignments_IsTheSameRun()
    {
        var schedule = FaultSchedule.Draw(77, 2, TimeSpan.FromMilliseconds(2500));
        var config = Load(schedule.Assignments);
        var sim = SimSettings.Bind(config);
        Assert.Equal(schedule.Events, sim.Events);
        Assert.Equal(schedule.Drop, sim.Network.Drop);
        Assert.Equal(schedule.Duplicate, sim.Network.Duplicate);
        Assert.Equal(schedule.Reorder, sim.Network.Reorder);
        Assert.Equal(77, SettingsLoader.Bind(config).Seed);
    }

    [Fact]
    public void Draw_SameSeed_SameSchedule_OtherSeedDiffers()
    {
        var a = FaultSchedule.Draw(5, 3, TimeSpan.FromSeconds(3));
        var b = FaultSchedule.Draw(5, 3, TimeSpan.FromSeconds(3));
        var c = FaultSchedule.Draw(6, 3, TimeSpan.FromSeconds(3));
        Assert.Equal(a.Events, b.Events);
        Assert.Equal(a.Assignments, b.Assignments);
        Assert.NotEqual(a.Assignments, c.Assignments);
        Assert.All(a.Events, e => Assert.InRange(e.At, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3)));
    }
}
