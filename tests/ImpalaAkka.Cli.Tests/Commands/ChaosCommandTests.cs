namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary>Argument checks of <c>impala chaos</c> (the chaos run itself is tested in ImpalaAkka.Cluster.Tests).</summary>
public sealed class ChaosCommandTests
{
    [Fact]
    public void OutFolderWithAnEarlierRun_IsRefusedAndLeftAlone()
    {
        var directory = Directory.CreateTempSubdirectory("ia-chaos-cli-").FullName;
        try
        {
            var earlier = Path.Combine(directory, "chaos-report.json");
            File.WriteAllText(earlier, "{\"lost\": 0}\n");

            var (code, _, error) = CliRunner.Invoke("chaos", "--out", directory, "--config", CliRunner.RepositoryFile("hocon/cluster.conf"));

            Assert.Equal(CliApp.InvalidInput, code);
            Assert.Contains("--out", error);
            Assert.Contains("not empty", error);
            Assert.Equal("{\"lost\": 0}\n", File.ReadAllText(earlier));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void BadCounts_EachNamedWithItsOption()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"ia-chaos-cli-{Guid.NewGuid():N}");

        var (code, _, error) = CliRunner.Invoke("chaos", "--out", directory, "--config", CliRunner.RepositoryFile("hocon/cluster.conf"),
            "--rollout-nodes", "0", "--kill-interval", "-1", "--learner-kills", "3", "--partitions", "-1", "--partition-time", "0");

        Assert.Equal(CliApp.InvalidInput, code);
        Assert.Contains("--rollout-nodes: must be 1..32", error);
        Assert.Contains("--kill-interval", error);
        Assert.Contains("--learner-kills: must be 0..2", error);
        Assert.Contains("--partitions: must be 0..100", error);
        Assert.Contains("--partition-time: must be in (0, 600] seconds", error);
        Assert.False(Directory.Exists(directory));
    }
}
