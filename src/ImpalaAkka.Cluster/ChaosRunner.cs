using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;

namespace ImpalaAkka.Cluster;

/// <summary>
/// Runs a learner, a standby learner and N rollout nodes as processes on Akka.Cluster and, while
/// they train: SIGKILLs a random rollout node every interval and restarts it; kills the active
/// learner once with the standby taking over (the killed one stays down) and once with no standby
/// left (it restarts in place from the checkpoint; then the other comes back as the standby); and
/// cuts the active learner off from a random subset of rollout nodes for a while, then heals it.
/// Then it stops everything cleanly (learner first, so nothing stays in flight) and accounts for
/// every unroll: produced (outboxes' confirmed.log), accepted (accepted.log), used (learned.log),
/// dropped by reason, held unused at the clean stop, lost and duplicated. Also measured: time from
/// a kill to the learner seeing it (nodes.log), from a learner kill to another learner being active
/// and to learning again, and the parameter broadcast latency.
/// </summary>
public sealed class ChaosRunner(ChaosRunner.Options options, TextWriter log)
{
    public sealed record Options(
        string Dotnet, string ImpalaDll, string Config, string OutDirectory, int RolloutNodes, TimeSpan KillInterval,
        int RolloutKills, int LearnerKills, int Partitions, TimeSpan PartitionTime, int Seed, IReadOnlyList<string> Sets, long? MaxFrames = null);

    public sealed record Report(
        int RolloutKills, int LearnerKills, int Takeovers, int RestartsInPlace, int Partitions, long UnrollsProduced, long UnrollsAccepted, long UnrollsUsed,
        IReadOnlyDictionary<string, long> UnrollsDropped, long UnrollsHeldAtStop, long Lost, long Duplicated, double? FinalReturnMean100,
        long Frames, double WallSeconds, double UnrollsPerSecond, double? BroadcastLatencyP50Ms, double? BroadcastLatencyP95Ms,
        double? KillToSeenP50Seconds, IReadOnlyList<double> LearnerKillToActiveSeconds, IReadOnlyList<double> LearnerKillToLearningSeconds,
        IReadOnlyList<string> Events);

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private readonly List<string> events = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>Runs the schedule; <paramref name="stop"/> ends the faults early, and the nodes are then stopped cleanly and accounted for as usual.</summary>
    public Report Run(CancellationToken stop = default)
    {
        Directory.CreateDirectory(options.OutDirectory);
        string[] sets = [.. options.Sets, "impala.run.max-frames=1000000000", "impala.run.target-return=null"];
        var cluster = new LocalCluster(options.Dotnet, options.ImpalaDll, options.Config, options.OutDirectory, options.RolloutNodes, standby: true, sets, faultInjection: true);
        var processes = cluster.Nodes.ToDictionary(n => n.Name, n => (NodeProcess?)null);
        void Start(string node) => processes[node] = cluster.Start(node);
        foreach (var node in cluster.Nodes) Start(node.Name);
        var rollouts = cluster.Rollouts.Select(n => n.Name).ToArray();
        var (active, standby) = ("learner", "learner-standby");
        int rolloutKills = 0, learnerKills = 0, takeovers = 0, restartsInPlace = 0, partitions = 0;
        var kills = new List<(string Node, DateTimeOffset At)>();
        var toActive = new List<double>();
        var toLearning = new List<double>();
        try
        {
            Note($"cluster {cluster.Name}: learner, standby and {options.RolloutNodes} rollout nodes");
            // Every node a member before the first fault: a node that never joined would make a kill look like a fault it is not.
            WaitFor(() => cluster.Nodes.All(n => Membership(active).Any(l => Joined(l, n.Name))), Patience, "every node to join the cluster", active);
            WaitFor(() => Learned().Length >= 100, Patience, "the learner to start learning", active);
            var rng = new Rng((ulong)options.Seed);
            // Learner kills take steps of their own (no rollout kill at the same time).
            var steps = Math.Max(options.RolloutKills + options.LearnerKills, 1);
            var learnerKillAt = Enumerable.Range(1, options.LearnerKills).Select(i => Math.Max(1, i * steps / (options.LearnerKills + 1))).ToList();
            var partitionAt = Enumerable.Range(1, options.Partitions).Select(i => Math.Max(1, (2 * i - 1) * steps / (2 * options.Partitions))).ToList();
            var unrollLength = Impala.Settings.SettingsLoader.Load(options.Config, options.Sets).Rollout.UnrollLength;
            bool BudgetSpent() => options.MaxFrames is { } budget && (long)Learned().Length * unrollLength >= budget;
            for (var k = 1; k <= steps; k++)
            {
                if (stop.WaitHandle.WaitOne(options.KillInterval))
                {
                    Note("stop requested (SIGINT or SIGTERM); no more faults");
                    break;
                }
                if (BudgetSpent())
                {
                    Note($"frame budget of {options.MaxFrames} reached; no more faults");
                    break;
                }
                if (rolloutKills < options.RolloutKills && !learnerKillAt.Contains(k))
                {
                    // One fault at a time: keep-majority downing would take a cluster with as many nodes down as up.
                    var victim = rollouts[rng.NextInt(rollouts.Length)];
                    var killedAt = DateTimeOffset.UtcNow;
                    processes[victim]!.Kill();
                    // Counted once the victim is dead: read before the kill, the lines it appended while dying made
                    // the wait below end at once, and the next fault hit a node still starting (two faults at once).
                    var producedBefore = Produced(victim);
                    kills.Add((victim, killedAt));
                    rolloutKills++;
                    Note($"SIGKILL {victim}");
                    Start(victim);
                    // Back in service, not just joined: its actors act only on parameters from the learner. A node still
                    // loading libtorch can miss heartbeats, and a second unreachable node at the next fault would leave
                    // keep-majority downing a tie to lose. (Its restart line in nodes.log is not waited for: one suite
                    // run saw a restarted node produce for two minutes without one, cause not found.)
                    WaitFor(() => Produced(victim) > producedBefore, Patience, $"the restarted {victim} to produce unrolls", active, victim);
                    // The standby too must list the new incarnation before the next fault: a suite run killed the active learner while
                    // the standby had not, the restarted node (no answer from the standby) marked it unreachable with the learner, and
                    // the split-brain resolver downed the standby as indirectly connected.
                    if (processes[standby] is { HasExited: false })
                    {
                        WaitFor(() => Membership(standby).Any(l => Joined(l, victim) && Timestamp(l) >= killedAt), Patience,
                            $"{standby}'s node table to list the restarted {victim}", standby, victim);
                    }
                }
                foreach (var _ in partitionAt.Where(p => p == k))
                {
                    var cut = rollouts.Where(_ => rng.NextInt(2) == 0).ToList();
                    if (cut.Count == 0 || cut.Count == rollouts.Length) cut = [rollouts[rng.NextInt(rollouts.Length)]];
                    cluster.Partition(cut.Select(r => (active, r)));
                    Note($"partition: {active} cut from {string.Join(", ", cut)} for {options.PartitionTime.TotalSeconds:0.#} s");
                    Thread.Sleep(options.PartitionTime);
                    cluster.Partition([]);
                    partitions++;
                    Note("partition healed");
                }
                if (learnerKillAt.Contains(k))
                {
                    var before = Learned().Length;
                    var killedAt = DateTimeOffset.UtcNow;
                    var watch = Stopwatch.StartNew();
                    processes[active]!.Kill();
                    learnerKills++;
                    if (processes[standby] is { HasExited: false })
                    {
                        Note($"SIGKILL {active} (active learner); {standby} should take over");
                        WaitFor(() => Active(standby, killedAt), Patience, $"{standby} to take over", standby);
                        toActive.Add(watch.Elapsed.TotalSeconds);
                        WaitFor(() => Learned().Length > before, Patience, "learning to resume after the takeover", standby);
                        toLearning.Add(watch.Elapsed.TotalSeconds);
                        takeovers++;
                        Note($"{standby} took over in {toActive[^1]:F1} s, learning again after {toLearning[^1]:F1} s; {active} stays down");
                        processes[active] = null;
                        (active, standby) = (standby, active);
                    }
                    else
                    {
                        Note($"SIGKILL {active} (active learner, no standby up); restarting it in place");
                        Start(active);
                        WaitFor(() => Active(active, killedAt), Patience, $"{active} to restart in place", active);
                        toActive.Add(watch.Elapsed.TotalSeconds);
                        WaitFor(() => Learned().Length > before, Patience, "learning to resume after the restart", active);
                        toLearning.Add(watch.Elapsed.TotalSeconds);
                        restartsInPlace++;
                        Note($"{active} active again in {toActive[^1]:F1} s, learning after {toLearning[^1]:F1} s; {standby} comes back as the standby");
                        Start(standby);
                    }
                }
            }
            stop.WaitHandle.WaitOne(options.KillInterval);
            // The standby first (it must not take over), then the learner (its final checkpoint), then the rollout nodes.
            if (processes[standby] is { } s) s.Interrupt(TimeSpan.FromSeconds(60));
            processes[active]!.Interrupt(TimeSpan.FromSeconds(60));
            Note("learners stopped (SIGTERM)");
            foreach (var r in rollouts) processes[r]!.Interrupt(TimeSpan.FromSeconds(60));
            Note("rollout nodes stopped (SIGTERM)");
        }
        finally
        {
            // A failed run must not leave its nodes running.
            foreach (var node in processes.Values.Where(n => n is { HasExited: false })) node!.Kill();
        }
        var wall = clock.Elapsed.TotalSeconds;
        return Account(cluster, rolloutKills, learnerKills, takeovers, restartsInPlace, partitions, kills, toActive, toLearning, wall);

        string[] Learned() => RunFiles.Lines(Path.Combine(cluster.LearnerDirectory, "learned.log"));
        string[] Membership(string node) => RunFiles.Lines(Path.Combine(cluster.RunDirectory(node), "nodes.log"));
        int Produced(string node) => RunFiles.Lines(Path.Combine(cluster.RunDirectory(node), "confirmed.log")).Length;
        // A node's first appearance, or a new incarnation's, up or weakly up (a node joining while another is unreachable).
        static bool Joined(string line, string node) =>
            line.Contains($" {node} up (", StringComparison.Ordinal) || line.Contains($" {node} weakly-up (", StringComparison.Ordinal) || line.Contains($" {node} restarted (", StringComparison.Ordinal);
        // A wait that runs out names what it waited for and shows the end of the logs of the nodes concerned.
        void WaitFor(Func<bool> condition, TimeSpan limit, string what, params string[] concerned) =>
            cluster.WaitFor(condition, limit, what, TimeSpan.FromMilliseconds(200), concerned);
        bool Active(string node, DateTimeOffset since) => RunFiles.Lines(Path.Combine(cluster.RunDirectory(node), "nodes.log"))
            .Any(l => l.Contains($"{node} is the active learner", StringComparison.Ordinal) && Timestamp(l) >= since);
    }

    private Report Account(LocalCluster cluster, int rolloutKills, int learnerKills, int takeovers, int restartsInPlace, int partitions,
        List<(string Node, DateTimeOffset At)> kills, List<double> toActive, List<double> toLearning, double wall)
    {
        string[] Shared(string file) => RunFiles.Lines(Path.Combine(cluster.LearnerDirectory, file));
        var produced = cluster.Rollouts.SelectMany(r => RunFiles.Lines(Path.Combine(cluster.RunDirectory(r.Name), "confirmed.log"))).ToHashSet();
        var accepted = Shared("accepted.log").ToHashSet();
        var learned = Shared("learned.log");
        var used = learned.ToHashSet();
        var dropped = Shared("dropped.log").Select(l => l.Split(' ', 2)).Where(p => p.Length == 2 && !used.Contains(p[0]))
            .GroupBy(p => p[0]).Select(g => (Id: g.Key, Reason: g.Last()[1])).ToList();
        var droppedIds = dropped.Select(d => d.Id).ToHashSet();
        // Held at the stop: unused by the learner, or still in an outbox (accepted by a learner that died, taken by none since).
        var held = Shared("held-at-stop.log").Concat(cluster.Rollouts.SelectMany(r => RunFiles.Lines(Path.Combine(cluster.RunDirectory(r.Name), "held-at-stop.log"))))
            .Where(id => accepted.Contains(id) && !used.Contains(id)).ToHashSet();
        // learned.log is written just after each checkpoint: an id a SIGKILL caught between the two is in the
        // checkpoint's ledger (and its redelivery was dropped as a duplicate), so the ledger counts as used too.
        var ledger = Checkpoint.PeekLedger(new FileCheckpointStore(Path.Combine(cluster.LearnerDirectory, Checkpoint.FileName))) ?? new UnrollLedger();
        var lost = accepted.Count(id => !used.Contains(id) && !ledger.Contains(ProducerIdText.Parse(id)) && !droppedIds.Contains(id) && !held.Contains(id));
        var summaryPath = Path.Combine(cluster.LearnerDirectory, "summary.json");
        double? returnMean = null;
        long frames = 0;
        if (File.Exists(summaryPath))
        {
            using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
            var s = summary.RootElement;
            returnMean = s.GetProperty("return_mean100").ValueKind == JsonValueKind.Number ? s.GetProperty("return_mean100").GetDouble() : null;
            frames = s.GetProperty("frames").GetInt64();
        }
        var latencies = cluster.Rollouts.SelectMany(r => RunFiles.Lines(Path.Combine(cluster.RunDirectory(r.Name), "parameter-latency.log")))
            .Select(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture)).Order().ToList();
        var membership = cluster.Nodes.Where(n => n.Role == "learner")
            .SelectMany(n => RunFiles.Lines(Path.Combine(cluster.RunDirectory(n.Name), "nodes.log"))).ToList();
        var seen = kills.Select(k => membership
                .Where(l => l.Contains($" {k.Node} ", StringComparison.Ordinal) && (l.EndsWith(" unreachable", StringComparison.Ordinal) || l.Contains(" restarted (", StringComparison.Ordinal) || l.EndsWith(" removed", StringComparison.Ordinal)))
                .Select(Timestamp).Where(t => t >= k.At).Select(t => (t - k.At).TotalSeconds).DefaultIfEmpty(double.NaN).Min())
            .Where(d => !double.IsNaN(d)).Order().ToList();
        var report = new Report(rolloutKills, learnerKills, takeovers, restartsInPlace, partitions, produced.Count, accepted.Count, used.Count,
            dropped.GroupBy(d => d.Reason).ToDictionary(g => g.Key, g => (long)g.Count()), held.Count, lost, learned.Length - used.Count, returnMean,
            frames, wall, learned.Length / wall, Percentile(latencies, 0.5), Percentile(latencies, 0.95), Percentile(seen, 0.5), toActive, toLearning, events);
        File.WriteAllText(Path.Combine(options.OutDirectory, "chaos-report.json"),
            JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }) + "\n");
        return report;
    }

    private static double? Percentile(List<double> sorted, double p) => sorted.Count == 0 ? null : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    /// <summary>The time stamp a nodes.log line starts with.</summary>
    private static DateTimeOffset Timestamp(string line) =>
        DateTimeOffset.TryParse(line.Split(' ', 2)[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : DateTimeOffset.MinValue;

    private void Note(string text)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1}s] {text}");
        events.Add(line);
        log.WriteLine(line);
    }

}
