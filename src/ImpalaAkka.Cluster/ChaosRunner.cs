using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ImpalaAkka.Cluster.Wire;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;
using RabbitMQ.Client;

namespace ImpalaAkka.Cluster;

/// <summary>
/// Runs a learner and N rollout nodes as processes, kills (SIGKILL) a random rollout node every
/// interval and restarts it, kills and restarts the learner (and optionally restarts the broker)
/// part-way, then stops everything cleanly and accounts for every unroll: broker-confirmed (the
/// rollout nodes' confirmed.log), learned (the learner's learned.log and its final checkpoint's
/// ledger), dropped by reason, still queued (drained at the end), lost and duplicated.
/// </summary>
public sealed class ChaosRunner(ChaosRunner.Options options, TextWriter log)
{
    public sealed record Options(
        string Dotnet, string ImpalaDll, string Config, string OutDirectory, int RolloutNodes, TimeSpan KillInterval,
        int RolloutKills, int LearnerKills, int BrokerRestarts, int Seed, IReadOnlyList<string> Sets, string BrokerScript, int BrokerPort,
        long? MaxFrames = null);

    public sealed record Report(
        int RolloutKills, int LearnerKills, int BrokerRestarts, long UnrollsConfirmed, long UnrollsUsed,
        IReadOnlyDictionary<string, long> UnrollsDropped, long QueuedAtEnd, long Lost, long Duplicated, double? FinalReturnMean100,
        long Frames, double WallSeconds, double UnrollsPerSecond, double MegabytesPerSecond, double? BroadcastLatencyP50Ms,
        double? BroadcastLatencyP95Ms, IReadOnlyList<string> Events);

    private readonly List<string> events = [];
    private readonly Stopwatch clock = Stopwatch.StartNew();

    public Report Run()
    {
        Directory.CreateDirectory(options.OutDirectory);
        var id = Guid.NewGuid().ToString("N")[..8];
        var queue = $"impala.chaos.{id}.unrolls";
        string[] sets =
        [
            .. options.Sets,
            $"impala.cluster.broker.port={options.BrokerPort}",
            $"impala.cluster.unroll-queue={queue}",
            $"impala.cluster.parameters-exchange=impala.chaos.{id}.parameters",
            $"impala.cluster.heartbeats-exchange=impala.chaos.{id}.heartbeats",
            $"impala.cluster.dead-letter-exchange=impala.chaos.{id}.dead",
            "impala.run.max-frames=1000000000",
            "impala.run.target-return=null",
        ];
        string Dir(string node) => Path.Combine(options.OutDirectory, node);
        NodeProcess Start(string role, string node) =>
            NodeProcess.Start(options.Dotnet, options.ImpalaDll, role, node, options.Config, Dir(node), sets, Path.Combine(options.OutDirectory, $"{node}.log"));

        var learner = Start("learner", "learner");
        var rollouts = Enumerable.Range(0, options.RolloutNodes).Select(i => Start("rollout", $"rollout-{i}")).ToArray();
        int rolloutKills = 0, learnerKills = 0, brokerRestarts = 0;
        try
        {
            Note($"started learner and {options.RolloutNodes} rollout nodes (queue {queue})");
            WaitFor(() => Lines(Dir("learner"), "learned.log").Length >= 100, TimeSpan.FromMinutes(2), "the learner to start learning");

            var rng = new Rng((ulong)options.Seed);
            var learnerKillAt = options.LearnerKills > 0 ? Math.Max(1, options.RolloutKills / 2) : -1;
            var brokerRestartAt = options.BrokerRestarts > 0 ? Math.Max(1, options.RolloutKills / 3) : -1;
            var unrollLength = Impala.Settings.SettingsLoader.Load(options.Config, options.Sets).Rollout.UnrollLength;
            bool BudgetSpent() => options.MaxFrames is { } budget && (long)Lines(Dir("learner"), "learned.log").Length * unrollLength >= budget;
            for (var k = 1; k <= options.RolloutKills; k++)
            {
                Thread.Sleep(options.KillInterval);
                if (BudgetSpent())
                {
                    Note($"frame budget of {options.MaxFrames} reached; no more kills");
                    break;
                }
                var victim = rng.NextInt(rollouts.Length);
                rollouts[victim].Kill();
                rolloutKills++;
                Note($"SIGKILL rollout-{victim}");
                rollouts[victim] = Start("rollout", $"rollout-{victim}");
                if (k == learnerKillAt && learnerKills < options.LearnerKills)
                {
                    learner.Kill();
                    learnerKills++;
                    Note("SIGKILL learner");
                    learner = Start("learner", "learner");
                }
                if (k == brokerRestartAt && brokerRestarts < options.BrokerRestarts)
                {
                    using var restart = Process.Start(new ProcessStartInfo(options.BrokerScript, "restart") { UseShellExecute = false, Environment = { ["IMPALA_BROKER_PORT"] = options.BrokerPort.ToString(CultureInfo.InvariantCulture) } })!;
                    restart.WaitForExit(120_000);
                    brokerRestarts++;
                    Note($"broker restarted (exit {restart.ExitCode})");
                }
            }
            Thread.Sleep(options.KillInterval);
            foreach (var rollout in rollouts) rollout.Interrupt(TimeSpan.FromSeconds(60));
            Note("rollout nodes stopped (SIGINT)");
            var settled = -1; // the first look only records the count; quiet means no change over one pause
            WaitFor(() =>
            {
                var now = Lines(Dir("learner"), "learned.log").Length;
                var quiet = now == settled;
                settled = now;
                return quiet;
            }, TimeSpan.FromMinutes(1), "the learner to finish what the queue held", pause: TimeSpan.FromSeconds(2));
            learner.Interrupt(TimeSpan.FromSeconds(60));
            Note("learner stopped (SIGINT)");
        }
        finally
        {
            // A failed run (e.g. the broker is not there) must not leave its nodes running.
            foreach (var node in rollouts.Append(learner).Where(n => !n.HasExited)) node.Kill();
        }
        var wall = clock.Elapsed.TotalSeconds;

        var queued = DrainAsync(queue).GetAwaiter().GetResult();
        var learned = Lines(Dir("learner"), "learned.log");
        var confirmed = Enumerable.Range(0, options.RolloutNodes).SelectMany(i => Lines(Dir($"rollout-{i}"), "confirmed.log")).Distinct().ToList();
        var ledger = Checkpoint.PeekLedger(new FileCheckpointStore(Path.Combine(Dir("learner"), Checkpoint.FileName))) ?? new UnrollLedger();
        var queuedIds = queued.Ids.ToHashSet();
        var lost = confirmed.Count(c => !queuedIds.Contains(c) && !ledger.Contains(ProducerIdText.Parse(c)));
        var duplicated = learned.Length - learned.Distinct().Count();
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir("learner"), "summary.json")));
        var s = summary.RootElement;
        var dropped = s.GetProperty("dropped").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var latencies = Enumerable.Range(0, options.RolloutNodes)
            .SelectMany(i => Lines(Dir($"rollout-{i}"), "parameter-latency.log"))
            .Select(l => double.Parse(l.Split(' ')[1], CultureInfo.InvariantCulture)).Order().ToList();
        double? Percentile(double p) => latencies.Count == 0 ? null : latencies[(int)Math.Min(latencies.Count - 1, Math.Floor(p * latencies.Count))];
        var report = new Report(rolloutKills, learnerKills, brokerRestarts, confirmed.Count, learned.Distinct().Count(), dropped, queued.Ids.Count,
            lost, duplicated, s.GetProperty("return_mean100").ValueKind == JsonValueKind.Number ? s.GetProperty("return_mean100").GetDouble() : null,
            s.GetProperty("frames").GetInt64(), wall, learned.Length / wall, learned.Length * (double)queued.MeanBytes / wall / 1e6,
            Percentile(0.5), Percentile(0.95), events);
        File.WriteAllText(Path.Combine(options.OutDirectory, "chaos-report.json"),
            JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }) + "\n");
        return report;
    }

    private void Note(string text)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"[{clock.Elapsed.TotalSeconds,6:F1}s] {text}");
        events.Add(line);
        log.WriteLine(line);
    }

    private static string[] Lines(string directory, string file) => RunFiles.Lines(Path.Combine(directory, file));

    private static void WaitFor(Func<bool> condition, TimeSpan limit, string what, TimeSpan? pause = null) =>
        RunFiles.WaitFor(condition, limit, what, pause ?? TimeSpan.FromMilliseconds(200));

    /// <summary>What is left in the queue at the end (taken off it), and the mean size of an unroll message.</summary>
    private async Task<(List<string> Ids, double MeanBytes)> DrainAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { HostName = "127.0.0.1", Port = options.BrokerPort }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var (ids, bytes) = await RunFiles.DrainUnrollsAsync(channel, queue);
        // Unrolls of one config have one size (bar the episode list); sample one if the queue was empty.
        var mean = ids.Count > 0 ? (double)bytes / ids.Count : SampleSize();
        await channel.QueueDeleteAsync(queue);
        return (ids, mean);
    }

    private double SampleSize()
    {
        var settings = Impala.Settings.SettingsLoader.Load(options.Config, options.Sets);
        var spec = Environments.Environments.SpecOf(settings.Env.Name);
        var t = settings.Rollout.UnrollLength;
        var unroll = new Impala.Messages.Unroll(new("rollout-0", 0, 1, 0), 0, t, new float[(t + 1) * spec.ObservationSize], new int[t],
            new float[t], new bool[t], new float[t * spec.ActionCount], [], []);
        return WireCodec.Encode(unroll, spec.ObservationShape, spec.ActionCount).Length;
    }
}
