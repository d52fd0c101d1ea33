using System.Text.Json;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>A short chaos run (what <c>impala chaos</c> does) against the test broker.</summary>
[Collection(nameof(ClusterProcessTests))]
public sealed class ChaosRunnerTests
{
    [Fact]
    public void ShortChaosRun_RolloutAndLearnerKills_NothingLostOrDuplicated_AndTheReportSaysSo()
    {
        var directory = Directory.CreateTempSubdirectory("ia-chaos-").FullName;
        try
        {
            var options = new ChaosRunner.Options(
                Environment.ProcessPath!, Path.Combine(AppContext.BaseDirectory, "impala.dll"),
                Path.Combine(ClusterHarness.Repository, "hocon", "cluster.conf"), directory, RolloutNodes: 2,
                KillInterval: TimeSpan.FromSeconds(1.5), RolloutKills: 3, LearnerKills: 1, BrokerRestarts: 0, Seed: 7,
                Sets: ["impala.cluster.queue-type=classic"], BrokerScript: Path.Combine(ClusterHarness.Repository, "scripts", "broker.sh"),
                BrokerPort: ClusterHarness.Port);
            var log = new StringWriter();

            var report = new ChaosRunner(options, log).Run();

            Assert.Equal(3, report.RolloutKills);
            Assert.Equal(1, report.LearnerKills);
            Assert.True(report.UnrollsConfirmed > 200, $"only {report.UnrollsConfirmed} unrolls confirmed\n{log}");
            // learned.log is written after each checkpoint: a SIGKILL between the two leaves ids settled in the
            // checkpoint but not in the log, and their redeliveries are then dropped as duplicates. So every
            // confirmed unroll not left queued is in learned.log or among the dropped (and none is lost, below).
            var dropped = report.UnrollsDropped.Values.Sum();
            Assert.True(report.UnrollsUsed + dropped >= report.UnrollsConfirmed - report.QueuedAtEnd,
                $"confirmed {report.UnrollsConfirmed}, queued {report.QueuedAtEnd}, learned {report.UnrollsUsed}, dropped {dropped}\n{log}");
            Assert.Equal(0, report.Lost);
            Assert.Equal(0, report.Duplicated);
            Assert.Contains(report.Events, e => e.Contains("SIGKILL learner", StringComparison.Ordinal));
            using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "chaos-report.json")));
            Assert.Equal(report.UnrollsConfirmed, written.RootElement.GetProperty("unrolls_confirmed").GetInt64());
            Assert.Equal(0, written.RootElement.GetProperty("lost").GetInt64());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
