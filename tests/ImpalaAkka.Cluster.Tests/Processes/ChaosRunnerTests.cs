using System.Text.Json;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>A short chaos run (what <c>impala chaos</c> does): rollout kills, a standby takeover, a restart in place and a healed partition.</summary>
[Collection(nameof(ClusterProcessTests))]
public sealed class ChaosRunnerTests
{
    [Fact]
    public void ShortChaosRun_KillsTakeoverRestartInPlaceAndAPartition_NothingLostOrDuplicated_AndTheReportSaysSo()
    {
        var directory = Directory.CreateTempSubdirectory("ia-chaos-").FullName;
        try
        {
            var options = new ChaosRunner.Options(
                Environment.ProcessPath!, Path.Combine(AppContext.BaseDirectory, "impala.dll"),
                Path.Combine(ClusterHarness.Repository, "hocon", "cluster.conf"), directory, RolloutNodes: 2,
                KillInterval: TimeSpan.FromSeconds(1.5), RolloutKills: 3, LearnerKills: 2, Partitions: 1, PartitionTime: TimeSpan.FromSeconds(1.5), Seed: 7,
                Sets: ClusterHarness.FastFaults);
            var log = new StringWriter();

            var report = new ChaosRunner(options, log).Run();

            Assert.Equal(3, report.RolloutKills);
            Assert.Equal(2, report.LearnerKills);
            Assert.Equal(1, report.Takeovers);
            Assert.Equal(1, report.RestartsInPlace);
            Assert.Equal(1, report.Partitions);
            Assert.True(report.UnrollsAccepted > 200, $"only {report.UnrollsAccepted} unrolls accepted\n{log}");
            Assert.True(report.UnrollsProduced >= report.UnrollsAccepted, $"produced {report.UnrollsProduced} < accepted {report.UnrollsAccepted}\n{log}");
            Assert.Equal(0, report.Lost);
            Assert.Equal(0, report.Duplicated);
            Assert.Equal(2, report.LearnerKillToActiveSeconds.Count);
            using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "chaos-report.json")));
            Assert.Equal(report.UnrollsAccepted, written.RootElement.GetProperty("unrolls_accepted").GetInt64());
            Assert.Equal(0, written.RootElement.GetProperty("lost").GetInt64());
            Assert.Equal(1, written.RootElement.GetProperty("takeovers").GetInt64());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
