using ImpalaAkka.Config;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Simulation.Tests;

public sealed class SimSettingsTests
{
    [Fact]
    public void Reference_Binds()
    {
        Assert.Equal(2, SimSettings.Bind(SettingsLoader.LoadConfig(null, [])).RolloutNodes);
    }

    /// <summary>Every size, count and duration of impala.sim, one value past its documented range (hocon/reference.conf).</summary>
    [Theory]
    [InlineData("impala.sim.rollout-nodes=65", "impala.sim.rollout-nodes: must be in 1..64, got 65")]
    [InlineData("impala.sim.rollout-nodes=64;impala.rollout.envs-per-actor=128", "impala.sim.rollout-nodes: rollout-nodes x rollout.actors x rollout.envs-per-actor = 8,192 environments, more than the limit of 4,096")]
    [InlineData("impala.sim.duration=0s", "impala.sim.duration: must be in 1ms..86400s, got 0ms")]
    [InlineData("impala.sim.duration=2d", "impala.sim.duration: must be in 1ms..86400s, got 172800s")]
    [InlineData("impala.sim.round-cost=2h", "impala.sim.round-cost: must be in 1ms..3600s, got 7200s")]
    [InlineData("impala.sim.step-cost=0ms", "impala.sim.step-cost: must be in 1ms..3600s, got 0ms")]
    [InlineData("impala.sim.network.latency-min=2m", "impala.sim.network.latency-min: must be in 0ms..60s, got 120s")]
    [InlineData("impala.sim.network.latency-max=2m", "impala.sim.network.latency-max: must be in 0ms..60s, got 120s")]
    [InlineData("impala.sim.network.reorder-delay=2m", "impala.sim.network.reorder-delay: must be in 0ms..60s, got 120s")]
    [InlineData("impala.sim.confirm-timeout=11m", "impala.sim.confirm-timeout: must be in 1ms..600s, got 660s")]
    [InlineData("impala.sim.redelivery-timeout=0s", "impala.sim.redelivery-timeout: must be in 1ms..600s, got 0ms")]
    [InlineData("impala.sim.heartbeat=2m", "impala.sim.heartbeat: must be in 1ms..60s, got 120s")]
    [InlineData("impala.sim.faults.random.rollout-crashes=1001", "impala.sim.faults.random.rollout-crashes: must be in 0..1000, got 1001")]
    [InlineData("impala.sim.faults.random.partitions=-1", "impala.sim.faults.random.partitions: must be in 0..1000, got -1")]
    [InlineData("impala.sim.faults.random.learner-crashes=100000", "impala.sim.faults.random.learner-crashes: must be in 0..1000, got 100000")]
    [InlineData("impala.sim.faults.random.down-time=2h", "impala.sim.faults.random.down-time: must be in 1ms..3600s, got 7200s")]
    [InlineData("impala.sim.faults.random.partition-time=0s", "impala.sim.faults.random.partition-time: must be in 1ms..3600s, got 0ms")]
    [InlineData("impala.sim.faults.random.window=2d", "impala.sim.faults.random.window: must be more than 1s and at most 1 day, got 172800s")]
    public void SizesOutOfRange_AreRejectedNamingTheKey(string assignments, string message)
    {
        var c = SettingsLoader.LoadConfig(null, assignments.Split(';'));
        var e = Assert.Throws<ConfigException>(() => SimSettings.Bind(c));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void TooManyEvents_AreRejectedNamingTheKey()
    {
        var events = string.Join(", ", Enumerable.Repeat("\"1s crash rollout-0\"", SimSettings.MaxEvents + 1));
        var e = Assert.Throws<ConfigException>(() => SimSettings.Bind(SettingsLoader.LoadConfig(null, [$"impala.sim.faults.events=[{events}]"])));
        Assert.Contains($"impala.sim.faults.events: lists 0..3000 events, got 3001", e.Message);
    }
}
