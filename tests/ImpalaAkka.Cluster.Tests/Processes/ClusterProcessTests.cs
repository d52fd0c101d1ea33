using System.Diagnostics;
using ImpalaAkka.Impala.Learning;
using RabbitMQ.Client;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>
/// Kill-any-node tests with real processes and a real broker. They share the broker (one restarts
/// it), so they run one at a time.
/// </summary>
[Collection(nameof(ClusterProcessTests))]
public sealed class ClusterProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static long Version(ClusterHarness h) =>
        Checkpoint.PeekMeta(new FileCheckpointStore(Path.Combine(h.RunDirectory("learner"), Checkpoint.FileName)))?.Version ?? -1;

    private static string[] Membership(ClusterHarness h) => h.Lines("learner", "nodes.log");

    [Fact]
    public async Task KillNine_ARolloutNodeAndTheLearner_EveryConfirmedUnrollIsLearnedExactlyOnce()
    {
        using var h = new ClusterHarness();
        var learner = h.Start("learner", "learner");
        var rollout0 = h.Start("rollout", "rollout-0");
        var rollout1 = h.Start("rollout", "rollout-1");
        int Learned() => h.Lines("learner", "learned.log").Length;
        ClusterHarness.WaitFor(() => Learned() >= 400, Patience, "the cluster to learn from 400 unrolls");

        ClusterHarness.WaitFor(() => Membership(h).Any(l => l.EndsWith("rollout-0 joined (rollout, incarnation 1)", StringComparison.Ordinal)), Patience,
            "the learner's node table to list rollout-0");
        rollout0.Kill();
        var afterRolloutKill = Learned();
        ClusterHarness.WaitFor(() => Learned() >= afterRolloutKill + 400, Patience, "learning to continue without rollout-0");
        ClusterHarness.WaitFor(() => Membership(h).Any(l => l.Contains("rollout-0 dead", StringComparison.Ordinal)), Patience,
            "the node table to mark rollout-0 dead");
        rollout0 = h.Start("rollout", "rollout-0");
        ClusterHarness.WaitFor(() => Membership(h).Any(l => l.EndsWith("rollout-0 alive (incarnation 2)", StringComparison.Ordinal)), Patience,
            "the node table to mark the restarted rollout-0 alive");

        var versionBefore = Version(h);
        learner.Kill();
        var afterLearnerKill = Learned();
        learner = h.Start("learner", "learner");
        ClusterHarness.WaitFor(() => Learned() >= afterLearnerKill + 400, Patience, "the restarted learner to learn from 400 more unrolls");
        Assert.True(Version(h) > versionBefore, "the restarted learner continues from its checkpoint's version");

        rollout0.Interrupt();
        rollout1.Interrupt();
        learner.Interrupt();
        var queued = await ClusterHarness.DrainAsync(h.Queue);

        var learned = h.Lines("learner", "learned.log");
        var twice = learned.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"learned twice: {string.Join(", ", twice.Take(5))}");
        var ledger = Checkpoint.PeekLedger(new FileCheckpointStore(Path.Combine(h.RunDirectory("learner"), Checkpoint.FileName)))!;
        var queuedSet = queued.ToHashSet();
        var confirmed = h.Lines("rollout-0", "confirmed.log").Concat(h.Lines("rollout-1", "confirmed.log")).Distinct().ToList();
        var lost = confirmed.Where(id => !queuedSet.Contains(id) && !ledger.Contains(ProducerIdText.Parse(id))).ToList();
        Assert.True(confirmed.Count > 1200, $"only {confirmed.Count} unrolls were confirmed");
        Assert.True(lost.Count == 0, $"{lost.Count} of {confirmed.Count} confirmed unrolls were lost, e.g. {string.Join(", ", lost.Take(5))}");
    }

    [Fact]
    public async Task MalformedMessage_IsDeadLetteredAndCounted_AndTheLearnerCarriesOn()
    {
        using var h = new ClusterHarness();
        var learner = h.Start("learner", "learner");
        await using var connection = await ClusterHarness.ConnectAsync();
        var deadline = DateTime.UtcNow + Patience;
        while (await ConsumersOrZero() < 1)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the learner never started consuming");
            await Task.Delay(100);
        }
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync("", h.Queue, new byte[] { 0xde, 0xad, 0xbe, 0xef, 0x01 });
        var deadQueue = h.Queue + ".dead";
        deadline = DateTime.UtcNow + Patience;
        while ((await channel.QueueDeclarePassiveAsync(deadQueue)).MessageCount < 1)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("nothing reached the dead-letter queue");
            await Task.Delay(100);
        }
        ClusterHarness.WaitFor(() => learner.Output().Contains("dead-lettered a message: unroll: not a valid message", StringComparison.Ordinal), Patience, "the learner to log the dead-lettering");
        var rollout = h.Start("rollout", "rollout-0");
        ClusterHarness.WaitFor(() => h.Lines("learner", "learned.log").Length >= 100, Patience, "the learner to go on learning");
        // The count shows on the learner's periodic console line (every log-every), which may come after 100 unrolls.
        ClusterHarness.WaitFor(() => learner.Output().Contains("dead-lettered=1", StringComparison.Ordinal), Patience,
            "the learner's console to count the dead-lettered message");
        rollout.Interrupt();
        learner.Interrupt();
        Assert.Contains("dead-lettered=1", learner.Output());

        // A passive declare of a queue that does not exist yet closes its channel: use a fresh one each time.
        async Task<uint> ConsumersOrZero()
        {
            await using var probe = await connection.CreateChannelAsync();
            try
            {
                return (await probe.QueueDeclarePassiveAsync(h.Queue)).ConsumerCount;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                return 0;
            }
        }
    }

    [Fact]
    public void BrokerRestart_NodesReconnect_AndTrainingResumes()
    {
        using var h = new ClusterHarness();
        var learner = h.Start("learner", "learner");
        var rollout = h.Start("rollout", "rollout-0");
        int Learned() => h.Lines("learner", "learned.log").Length;
        ClusterHarness.WaitFor(() => Learned() >= 200, Patience, "learning before the broker restart");

        var restart = Process.Start(new ProcessStartInfo(Path.Combine(ClusterHarness.Repository, "scripts", "broker.sh"), "restart")
        {
            UseShellExecute = false,
            Environment = { ["IMPALA_BROKER_PORT"] = ClusterHarness.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        })!;
        Assert.True(restart.WaitForExit(120_000) && restart.ExitCode == 0, "scripts/broker.sh restart failed");
        var afterRestart = Learned();
        ClusterHarness.WaitFor(() => Learned() >= afterRestart + 200, Patience, "learning to resume after the broker restart");
        Assert.Contains("broker link down", rollout.Output());
        rollout.Interrupt();
        learner.Interrupt();
    }
}
