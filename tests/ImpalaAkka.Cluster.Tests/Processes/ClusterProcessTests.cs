using ImpalaAkka.Impala.Learning;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>Kill-any-node tests with real node processes on 127.0.0.1. They run one at a time (each runs several processes).</summary>
[Collection(nameof(ClusterProcessTests))]
public sealed class ClusterProcessTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static bool Says(ClusterHarness h, string node, string text) => h.Lines(node, "nodes.log").Any(l => l.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void KillNine_ARolloutNodeAndTheActiveLearner_TheStandbyTakesOver_AndNothingAcceptedIsLostOrLearnedTwice()
    {
        using var h = new ClusterHarness(rolloutNodes: 2, standby: true);
        var learner = h.Start("learner");
        var standby = h.Start("learner-standby");
        var rollout0 = h.Start("rollout-0");
        var rollout1 = h.Start("rollout-1");
        int Learned() => h.Shared("learned.log").Length;
        h.AwaitMembers("learner", Patience, "learner", "learner-standby", "rollout-0", "rollout-1");
        h.Await(() => Learned() >= 300, Patience, "the cluster to learn from 300 unrolls");
        Assert.True(Says(h, "learner", "learner is the active learner (from scratch)"), "the first learner node hosts the learner");
        Assert.False(Says(h, "learner-standby", "is the active learner"), "the standby waits");
        h.Await(() => Says(h, "learner", "rollout-0 up (rollout, "), Patience, "the learner's node table to list rollout-0");

        rollout0.Kill();
        var afterRolloutKill = Learned();
        h.Await(() => Learned() >= afterRolloutKill + 200, Patience, "learning to continue without rollout-0");
        h.Await(() => Says(h, "learner", "rollout-0 unreachable"), Patience, "the node table to mark rollout-0 unreachable");
        var producedBefore = h.Lines("rollout-0", "confirmed.log").Length;
        rollout0 = h.Start("rollout-0");
        h.Await(() => Says(h, "learner", "rollout-0 restarted") || h.Lines("learner", "nodes.log").Count(l => l.Contains("rollout-0 up", StringComparison.Ordinal)) >= 2,
            Patience, "the node table to list the restarted rollout-0");
        // Settled before the next fault: with two nodes unreachable at once, keep-majority downing of four nodes is a tie.
        h.Await(() => h.Lines("rollout-0", "confirmed.log").Length > producedBefore, Patience, "the restarted rollout-0 to produce unrolls");
        // The standby must know the new incarnation too, and the new incarnation must hear from every node: a CI run killed the
        // learner while the standby had not yet listed the restarted rollout-0, rollout-0 then marked the standby unreachable as
        // well as the learner, and the split-brain resolver downed the standby as indirectly connected (nobody left to take over).
        h.Await(() => Says(h, "learner-standby", "rollout-0 restarted"), Patience, "the standby's node table to list the restarted rollout-0");
        Thread.Sleep(TimeSpan.FromSeconds(4)); // one acceptable heartbeat pause (3 s in the harness) and a second
        var restartedLog = rollout0.Output();
        restartedLog = restartedLog[restartedLog.LastIndexOf("impala node: rollout 'rollout-0'", StringComparison.Ordinal)..];
        Assert.False(restartedLog.Contains("as UNREACHABLE", StringComparison.Ordinal), $"the restarted rollout-0 lost touch with a node before any learner fault:\n{restartedLog}");

        var versionBefore = Checkpoint.PeekMeta(new FileCheckpointStore(Path.Combine(h.Cluster.LearnerDirectory, Checkpoint.FileName)))!.Version;
        learner.Kill();
        var afterLearnerKill = Learned();
        h.Await(() => Says(h, "learner-standby", "learner-standby is the active learner (from the checkpoint)"), Patience, "the standby to take over");
        h.Await(() => Learned() >= afterLearnerKill + 200, Patience, "the standby to learn from 200 more unrolls");
        Assert.True(Checkpoint.PeekMeta(new FileCheckpointStore(Path.Combine(h.Cluster.LearnerDirectory, Checkpoint.FileName)))!.Version > versionBefore,
            "the standby continues from the checkpoint's version");

        standby.Interrupt(); // the learner first: its final checkpoint, and what it held stays in the outboxes
        rollout0.Interrupt();
        rollout1.Interrupt();

        var learned = h.Shared("learned.log");
        var twice = learned.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"learned twice: {string.Join(", ", twice.Take(5))}");
        var ledger = Checkpoint.PeekLedger(new FileCheckpointStore(Path.Combine(h.Cluster.LearnerDirectory, Checkpoint.FileName)))!;
        // Held at the stop: by the learner (unused), or still in an outbox (a learner that died accepted it; no learner took it again before the end).
        var held = h.Shared("held-at-stop.log").Concat(h.Lines("rollout-0", "held-at-stop.log")).Concat(h.Lines("rollout-1", "held-at-stop.log"));
        var settled = learned.Concat(h.Shared("dropped.log").Select(l => l.Split(' ')[0])).Concat(held).ToHashSet();
        var accepted = h.Shared("accepted.log").Distinct().ToList();
        var lost = accepted.Where(id => !settled.Contains(id) && !ledger.Contains(ProducerIdText.Parse(id))).ToList();
        Assert.True(accepted.Count > 700, $"only {accepted.Count} unrolls were accepted");
        Assert.True(lost.Count == 0, $"{lost.Count} of {accepted.Count} accepted unrolls were lost, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(h.Lines("rollout-1", "confirmed.log").Length > 0, "rollout-1 produced unrolls");

        // One metrics.csv in the shared folder, written by each active learner in turn; the standby goes on from the checkpoint's counts.
        var metrics = File.ReadAllLines(Path.Combine(h.Cluster.LearnerDirectory, "metrics.csv"));
        var frames = Array.IndexOf(metrics[0].Split(','), "frames");
        var series = metrics.Skip(1).Select(l => long.Parse(l.Split(',')[frames], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(series.Count >= 4, $"only {series.Count} metrics rows");
        Assert.True(series.Zip(series.Skip(1)).All(p => p.Second >= p.First), $"frames went back: {string.Join(", ", series)}");
        Assert.Equal(2, Directory.GetFiles(h.Cluster.LearnerDirectory, "events.out.tfevents.*").Length);
    }

    [Fact]
    public void LearnerReachesItsBudget_TheStandbyDoesNotStartTheRunAgain()
    {
        using var h = new ClusterHarness(rolloutNodes: 1, standby: true, faultInjection: false, "impala.run.max-frames=20000");
        var learner = h.Start("learner");
        var standby = h.Start("learner-standby");
        var rollout = h.Start("rollout-0");
        h.Await(() => learner.HasExited, Patience, "the learner to finish its budget");
        h.Await(() => standby.HasExited, Patience, "the standby to see the run finished and stop");
        rollout.Interrupt();
        Assert.Equal(0, learner.ExitCode);
        Assert.Equal(0, standby.ExitCode);
        Assert.Contains("the run had finished on another learner node", standby.Output());
        Assert.True(File.Exists(Path.Combine(h.Cluster.LearnerDirectory, ClusterNodes.FinishedMarker)));
    }

    [Fact]
    public void RolloutNodeWhoseActorsAllFailForGood_LeavesTheClusterAndExitsOneSayingWhy()
    {
        using var h = new ClusterHarness(rolloutNodes: 1, standby: false, faultInjection: false, "impala.env.fail-every=1", "impala.supervision.max-restarts=1",
            "impala.supervision.backoff-min=1ms", "impala.supervision.backoff-max=2ms");
        var learner = h.Start("learner");
        var rollout = h.Start("rollout-0");
        h.Await(() => rollout.HasExited, Patience, "the rollout node without actors to stop");
        Assert.True(rollout.ExitCode == 1, $"exit {rollout.ExitCode}:\n{rollout.Output()}");
        Assert.Contains("impala node: rollout-0: every rollout actor failed more than impala.supervision.max-restarts (1) times and stopped; the node left the cluster", rollout.Output());
        Assert.DoesNotContain("   at ", rollout.Output());
        h.Await(() => Says(h, "learner", "rollout-0 removed"), Patience, "the learner's node table to see rollout-0 leave");
        learner.Interrupt();
    }
}
