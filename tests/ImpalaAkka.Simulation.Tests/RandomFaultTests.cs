namespace ImpalaAkka.Simulation.Tests;

/// <summary>Random fault schedules, seeded: crashes of rollout nodes and the learner, partitions, and a lossy, duplicating, reordering network never break the invariants.</summary>
[Collection(nameof(ScenarioTests))]
public sealed class RandomFaultTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(100, 8)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomFaultSchedule_NeverBreaksInvariants(int seed)
    {
        var (r, _) = Scenario.Run($"impala.seed={seed}", "impala.run.max-frames=16000",
            "impala.sim.network.drop=0.05", "impala.sim.network.duplicate=0.05", "impala.sim.network.reorder=0.2",
            "impala.sim.faults.random.rollout-crashes=2", "impala.sim.faults.random.partitions=2", "impala.sim.faults.random.learner-crashes=1",
            "impala.sim.faults.random.window=3s", "impala.sim.faults.random.down-time=700ms", "impala.sim.faults.random.partition-time=800ms");
        Scenario.AssertInvariants(r);
        Assert.Equal(2 * 2 + 2 + 2 * 1, r.Faults.Count);
    }
}
