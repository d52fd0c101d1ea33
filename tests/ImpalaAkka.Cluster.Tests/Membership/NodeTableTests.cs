namespace ImpalaAkka.Cluster.Tests.Membership;

public sealed class NodeTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void MembershipEvents_UpUnreachableReachableRemoved_EachReportedOnce()
    {
        var table = new NodeTable();

        Assert.Equal("rollout-0 up (rollout, 127.0.0.1:25521)", table.Membership("rollout-0", "rollout", "127.0.0.1:25521", 11, "up", T0));
        Assert.Null(table.Membership("rollout-0", "rollout", "127.0.0.1:25521", 11, "up", T0.AddSeconds(1)));
        Assert.Equal("rollout-0 unreachable", table.Membership("rollout-0", "rollout", "127.0.0.1:25521", 11, "unreachable", T0.AddSeconds(2)));
        Assert.Equal("rollout-0 up", table.Membership("rollout-0", "rollout", "127.0.0.1:25521", 11, "up", T0.AddSeconds(3)));
        Assert.Equal("rollout-0 removed", table.Membership("rollout-0", "rollout", "127.0.0.1:25521", 11, "removed", T0.AddSeconds(4)));
        Assert.Equal("removed", Assert.Single(table.Rows()).State);
    }

    [Fact]
    public void ANewIncarnationAtTheSameAddress_IsARestart_AndNewsOfTheOldOneIsIgnored()
    {
        var table = new NodeTable();
        table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 1, "up", T0);

        Assert.Equal("rollout-1 restarted (rollout, 127.0.0.1:25522)", table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 2, "up", T0.AddSeconds(1)));
        Assert.Null(table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 1, "removed", T0.AddSeconds(2)));
        var row = Assert.Single(table.Rows());
        Assert.Equal(("up", 2L), (row.State, row.Incarnation));
    }

    [Fact]
    public void ANewIncarnationWeaklyUp_IsARestart_ThenUp_AndTheOldOnesLateNewsIsIgnored()
    {
        var table = new NodeTable();
        table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 1, "up", T0);
        table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 1, "unreachable", T0.AddSeconds(1));

        Assert.Equal("rollout-1 restarted (rollout, 127.0.0.1:25522) weakly-up", table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 2, "weakly-up", T0.AddSeconds(2)));
        Assert.Null(table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 1, "down", T0.AddSeconds(3)));
        Assert.Null(table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 1, "up", T0.AddSeconds(3)));
        Assert.Equal("rollout-1 up", table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 2, "up", T0.AddSeconds(4)));
        var row = Assert.Single(table.Rows());
        Assert.Equal(("up", 2L), (row.State, row.Incarnation));
    }

    [Fact]
    public void ALateEventOfANewIncarnationThatIsNotJoining_IsIgnored()
    {
        var table = new NodeTable();
        table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 1, "up", T0);

        Assert.Null(table.Membership("rollout-1", "rollout", "127.0.0.1:25522", 2, "unreachable", T0.AddSeconds(1)));
        Assert.Equal(1L, Assert.Single(table.Rows()).Incarnation);
    }

    [Fact]
    public void Format_ListsTheLearnerFirst_WithStateVersionRateAndRestarts()
    {
        var table = new NodeTable();
        table.Membership("rollout-0", "rollout", "127.0.0.1:25521", 1, "up", T0);
        table.Membership("learner", "learner", "127.0.0.1:25520", 1, "up", T0);
        table.Membership("rollout-0", "rollout", "127.0.0.1:25521", 1, "unreachable", T0);
        table.Report("rollout-0", 1234, 41, 3);

        var lines = table.Format(T0.AddSeconds(6)).Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.StartsWith("  learner ", lines[1]);
        Assert.Contains("unreachable", lines[2]);
        Assert.Contains(" 1234 ", lines[2]);
        Assert.Contains(" 41 ", lines[2]);
        Assert.EndsWith(" 3", lines[2]);
    }
}
