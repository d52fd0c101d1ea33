namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary>Checks <c>impala cluster up</c> and <c>impala node</c> make before they start anything (running clusters are tested in ImpalaAkka.Cluster.Tests).</summary>
public sealed class ClusterCommandTests
{
    [Fact]
    public void BadRolloutNodeCountOrConfigKey_IsInvalidInput()
    {
        var (code, _, error) = CliRunner.Invoke("cluster", "up", "--rollout-nodes", "0");
        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("--rollout-nodes: must be 1..32", error);

        (code, _, error) = CliRunner.Invoke("cluster", "up", "--config", CliRunner.RepositoryFile("hocon/cluster.conf"), "--set", "impala.cluster.port=\"x\"");
        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("impala.cluster.port", error);
    }

    [Theory]
    [InlineData("impala.cluster.seed-nodes=[\"127.0.0.1\"]", "impala.cluster.seed-nodes", "item 0: '127.0.0.1' is not \"host:port\"")]
    [InlineData("impala.cluster.seed-nodes=[]", "impala.cluster.seed-nodes", "must list 1..64 nodes")]
    [InlineData("impala.cluster.port=70000", "impala.cluster.port", "must be 0 (any free port) or 1..65535")]
    [InlineData("impala.cluster.name=\"a b\"", "impala.cluster.name", "letters, digits")]
    [InlineData("impala.cluster.stable-after=0s", "impala.cluster.stable-after", "must be in 1s..300s")]
    [InlineData("impala.cluster.control-file=\"/tmp/x\"", "impala.cluster.control-file", "needs impala.cluster.fault-injection = on")]
    [InlineData("impala.cluster.tls.enabled=on", "impala.cluster.tls.certificate", "needs a certificate")]
    public void BadClusterSettings_AreRefusedBeforeAnyNodeStarts(string set, string key, string reason)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ia-cluster-cli-{Guid.NewGuid():N}");

        var (code, _, error) = CliRunner.Invoke("cluster", "up", "--out", directory, "--config", CliRunner.RepositoryFile("hocon/cluster.conf"), "--set", set);

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains(key, error);
        Assert.Contains(reason, error);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void ANonLoopbackHostnameWithoutTls_IsRefused_UnlessExplicitlyAllowed()
    {
        var (code, _, error) = CliRunner.Invoke("node", "--role", "rollout", "--config", CliRunner.RepositoryFile("hocon/cluster.conf"),
            "--set", "impala.cluster.hostname=\"0.0.0.0\"", "--run-dir", Path.Combine(Path.GetTempPath(), $"ia-node-{Guid.NewGuid():N}"));

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("impala.cluster.hostname", error);
        Assert.Contains("0.0.0.0 is not a loopback address", error);
        Assert.Contains("tls.enabled", error);
        Assert.Contains("allow-insecure = on", error);
    }

    [Fact]
    public void LearnerNode_SharedMetricsFileWithOtherColumns_IsRefusedBeforeJoining()
    {
        var directory = Directory.CreateTempSubdirectory("ia-node-metrics-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "metrics.csv"), "something,else\n1,2\n");
            var (code, _, error) = CliRunner.Invoke("node", "--role", "learner", "--config", CliRunner.RepositoryFile("hocon/cluster.conf"),
                "--run-dir", directory, "--set", "impala.cluster.seed-nodes=[\"127.0.0.1:1\"]");

            Assert.Equal(CliApp.InvalidInput, code);
            Assert.Contains($"{Path.Combine(directory, "metrics.csv")}: existing metrics file has different columns", error);
            Assert.Equal("something,else\n1,2\n", File.ReadAllText(Path.Combine(directory, "metrics.csv")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
