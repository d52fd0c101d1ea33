namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary>Checks <c>impala cluster up</c> makes before it starts anything (running clusters are tested in ImpalaAkka.Cluster.Tests).</summary>
public sealed class ClusterCommandTests
{
    [Fact]
    public void NoBrokerOnThePort_SaysSoAndStartsNoNode()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ia-cluster-cli-{Guid.NewGuid():N}");

        // Port 9 (discard) on loopback: nothing listens there in a test environment.
        var (code, _, error) = CliRunner.Invoke("cluster", "up", "--out", directory, "--config", CliRunner.RepositoryFile("hocon/cluster.conf"),
            "--set", "impala.cluster.broker.port=9");

        Assert.Equal(CliApp.Failed, code);
        Assert.Contains("no broker answers on 127.0.0.1:9", error);
        Assert.Contains("scripts/broker.sh start", error);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void BadRolloutNodeCountOrConfigKey_IsInvalidInput()
    {
        var (code, _, error) = CliRunner.Invoke("cluster", "up", "--rollout-nodes", "0");
        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("--rollout-nodes: must be 1..32", error);

        (code, _, error) = CliRunner.Invoke("cluster", "up", "--config", CliRunner.RepositoryFile("hocon/cluster.conf"), "--set", "impala.cluster.broker.port=\"x\"");
        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("impala.cluster.broker.port", error);
    }
}
