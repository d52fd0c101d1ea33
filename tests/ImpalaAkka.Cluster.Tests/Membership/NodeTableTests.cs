using ImpalaAkka.Cluster.Wire;

namespace ImpalaAkka.Cluster.Tests.Membership;

public sealed class NodeTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static Heartbeat Beat(string node, long incarnation, long version = 7) =>
        new() { Node = node, Role = "rollout", Incarnation = incarnation, Version = version, FramesPerSecond = 1234, Restarts = 2 };

    [Fact]
    public void Heartbeats_JoinThenSilenceMarksDead_ThenTheNextBeatMarksAlive()
    {
        var table = new NodeTable(TimeSpan.FromSeconds(5));

        Assert.Equal("rollout-0 joined (rollout, incarnation 1)", table.Observe(Beat("rollout-0", 1), T0));
        Assert.Null(table.Observe(Beat("rollout-0", 1), T0.AddSeconds(1)));
        Assert.Empty(table.Sweep(T0.AddSeconds(6)));
        Assert.Equal(["rollout-0 dead (no heartbeat for 5.5 s)"], table.Sweep(T0.AddSeconds(6.5)));
        Assert.Empty(table.Sweep(T0.AddSeconds(9)));
        Assert.False(Assert.Single(table.Rows()).Alive);
        Assert.Equal("rollout-0 alive (incarnation 2)", table.Observe(Beat("rollout-0", 2), T0.AddSeconds(10)));
        var row = Assert.Single(table.Rows());
        Assert.True(row.Alive);
        Assert.Equal(2, row.Incarnation);
    }

    [Fact]
    public void ARestartFasterThanDeadAfter_IsReportedAsARestart()
    {
        var table = new NodeTable(TimeSpan.FromSeconds(5));
        table.Observe(Beat("rollout-1", 3), T0);

        Assert.Equal("rollout-1 restarted (incarnation 3 -> 4)", table.Observe(Beat("rollout-1", 4), T0.AddSeconds(1)));
    }

    [Fact]
    public void Format_ListsTheLearnerFirst_WithStateVersionAndRate()
    {
        var table = new NodeTable(TimeSpan.FromSeconds(5));
        table.Observe(Beat("rollout-0", 1, version: 41), T0);
        table.Observe(new Heartbeat { Node = "learner", Role = "learner", Incarnation = 1, Version = 42 }, T0);
        table.Sweep(T0.AddSeconds(6));

        var lines = table.Format(T0.AddSeconds(6)).Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("  learner ", lines[1]);
        Assert.Contains("DEAD", lines[2]);
        Assert.Contains(" 1234 ", lines[2]);
        Assert.Contains(" 41 ", lines[2]);
    }
}
