using Akka.Actor;
using ImpalaAkka.Cluster.Transport;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;
using ImpalaAkka.Impala.Training;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Cluster;

/// <summary>
/// The two kinds of cluster node, each the in-process roles with RabbitMQ bridges in place of the
/// local queue and parameter server. A learner node restores its checkpoint (with the ledger) when
/// its run directory has one, so a restarted learner continues where the last checkpoint left it.
/// In cluster mode the learner checkpoints every step: RabbitMQ frees a prefetch slot only on ack,
/// and the learner acks only what a checkpoint holds.
/// </summary>
public static class ClusterNodes
{
    /// <param name="Nodes">the learner's node table (fed by heartbeats); the console shows it.</param>
    public sealed record Options(string RunDirectory, Action<RuntimeEvent>? OnEvent = null, NodeTable? Nodes = null);

    /// <summary>Frames per second between calls, from a running frame count.</summary>
    private sealed class Rate(Func<long> frames)
    {
        private long lastFrames = frames();
        private long lastTicks = Environment.TickCount64;

        public double Next()
        {
            var (f, t) = (frames(), Environment.TickCount64);
            var rate = t > lastTicks ? (f - lastFrames) * 1000.0 / (t - lastTicks) : 0;
            (lastFrames, lastTicks) = (f, t);
            return rate;
        }
    }

    /// <summary>
    /// Runs the learner until the frame budget, the target or <paramref name="cancellation"/>;
    /// writes checkpoint.iat, learned.log and nodes.log (membership changes seen in heartbeats).
    /// </summary>
    public static async Task<TrainingOutcome> RunLearnerAsync(ImpalaSettings settings, ClusterSettings cluster, TrainingMonitor monitor, Options options, CancellationToken cancellation)
    {
        settings = settings with { Learner = settings.Learner with { CheckpointEvery = 1 } };
        TorchRuntime.Configure(settings.Learner.Threads, settings.Learner.LibtorchDir, settings.Learner.OneDnn);
        TorchRuntime.ManualSeed(settings.Seed);
        Directory.CreateDirectory(options.RunDirectory);
        var spec = Environments.Environments.SpecOf(settings.Env.Name);
        var shapes = ParameterShapes(settings, spec);
        var store = new FileCheckpointStore(Path.Combine(options.RunDirectory, Checkpoint.FileName));
        // Loaded before anything starts: a checkpoint that does not fit is refused with its reason.
        var start = LearnerStart.From(store, settings, spec);
        using var log = new DurableLearningLog(Path.Combine(options.RunDirectory, "learned.log"));
        var (system, events) = RoleSystem.Create(cluster.Node, options.OnEvent);
        monitor.DeadLetters = () => events.DeadLetters;
        var queue = system.ActorOf(Props.Create(() => new UnrollConsumerActor(cluster, _ => monitor.OnDropped("dead-lettered"))), "unroll-consumer");
        long published = -1;
        var parameters = system.ActorOf(Props.Create(() => new ParameterPublisherActor(cluster, shapes, v => Interlocked.Exchange(ref published, v))), "parameter-publisher");
        var incarnation = NextIncarnation(options.RunDirectory);
        var rate = new Rate(() => monitor.Snapshot().Frames);
        system.ActorOf(Props.Create(() => new HeartbeatActor(cluster, "learner", incarnation,
            () => new NodeStatus(rate.Next(), Interlocked.Read(ref published), 0))), "heartbeat");
        using var nodesLog = new StreamWriter(Path.Combine(options.RunDirectory, "nodes.log"), append: true) { AutoFlush = true };
        var nodes = options.Nodes ?? new NodeTable(cluster.DeadAfter);
        Action<string> onChange = change =>
        {
            nodesLog.WriteLine($"{DateTimeOffset.UtcNow:O} {change}");
            events.OnEvent?.Invoke(new RuntimeEvent(RuntimeEventLevel.Info, "node-table", change));
        };
        system.ActorOf(Props.Create(() => new NodeTableActor(cluster, nodes, onChange)), "node-table");
        var graph = new RoleGraph(settings, spec, new DirectTransport(queue, () => parameters) { ConfirmTimeout = cluster.ConfirmTimeout });
        var learner = graph.Learner(system, "learner", cluster.Node,
            new LearnerRole(LearnerStart.FirstThen(start, () => LearnerStart.From(store, settings, spec)),
                parameters, graph.Replay(system, "replay", incarnation), monitor) { Store = store, Observer = log },
            endRunWhenStopped: true);

        return await RunCompletion.AwaitAndStopAsync(system, learner, monitor, TimeSpan.FromMinutes(1), cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a rollout node until <paramref name="cancellation"/>; appends every broker-confirmed
    /// producer id to confirmed.log and every received parameter version's broadcast latency (ms)
    /// to parameter-latency.log.
    /// </summary>
    public static async Task RunRolloutAsync(ImpalaSettings settings, ClusterSettings cluster, Options options, Action<long>? onConfirmed, CancellationToken cancellation)
    {
        TorchRuntime.Configure(1, settings.Learner.LibtorchDir, settings.Learner.OneDnn);
        Directory.CreateDirectory(options.RunDirectory);
        var spec = Environments.Environments.SpecOf(settings.Env.Name);
        var shapes = ParameterShapes(settings, spec);
        var processIncarnation = NextIncarnation(options.RunDirectory);
        using var confirmedLog = new StreamWriter(Path.Combine(options.RunDirectory, "confirmed.log"), append: true) { AutoFlush = true };
        var gate = new object();
        long confirmedCount = 0;
        var (system, _) = RoleSystem.Create(cluster.Node, options.OnEvent);
        // Unique across restarts of the process: producer ids must never repeat.
        var incarnations = new Incarnations(settings.Rollout.Actors, Enumerable.Repeat(processIncarnation * 10_000, settings.Rollout.Actors).ToArray());
        Action<ProducerId> onBrokerConfirmed = id =>
        {
            lock (gate)
            {
                confirmedLog.WriteLine(id.ToString());
                onConfirmed?.Invoke(Interlocked.Increment(ref confirmedCount));
            }
        };
        var publisher = system.ActorOf(Props.Create(() => new UnrollPublisherActor(cluster, spec, onBrokerConfirmed)), "unroll-publisher");
        long versionInUse = -1;
        var rate = new Rate(() => Interlocked.Read(ref confirmedCount) * settings.Rollout.UnrollLength);
        system.ActorOf(Props.Create(() => new HeartbeatActor(cluster, "rollout", processIncarnation,
            () => new NodeStatus(rate.Next(), Interlocked.Read(ref versionInUse), incarnations.Restarts))), "heartbeat");
        IActorRef? server = null;
        var graph = new RoleGraph(settings, spec, new DirectTransport(publisher, () => server!) { ConfirmTimeout = cluster.ConfirmTimeout });
        server = graph.ParameterServer(system, "parameter-server", processIncarnation);
        using var latencyLog = new StreamWriter(Path.Combine(options.RunDirectory, "parameter-latency.log"), append: true) { AutoFlush = true };
        var latencyGate = new object();
        Action<long, long> onVersion = (version, published) =>
        {
            // Publish-to-arrival time of each version this node received (same machine clock).
            lock (latencyGate) latencyLog.WriteLine($"{version} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - published}");
            Interlocked.Exchange(ref versionInUse, version);
        };
        system.ActorOf(Props.Create(() => new ParameterSubscriberActor(cluster, server, shapes, onVersion)), "parameter-subscriber");
        var seed = unchecked((int)Rng.Derive(settings.Seed, StableHash(cluster.Node), processIncarnation).NextULong());
        graph.RolloutNode(system, "node", new RolloutRole(cluster.Node, seed, incarnations));

        try
        {
            await Task.Delay(Timeout.Infinite, cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await system.Terminate().WaitAsync(TimeSpan.FromMinutes(1)).ConfigureAwait(false);
    }

    /// <summary>The shapes of the model's parameters, in order (for encoding and checking parameter messages).</summary>
    public static IReadOnlyList<long[]> ParameterShapes(ImpalaSettings settings, EnvironmentSpec spec) =>
        [.. ModelShapes.Of(settings.Model, spec).Select(p => p.Shape)];

    /// <summary>FNV-1a over the name's UTF-16 code units: the same in every process (string.GetHashCode is not).</summary>
    private static long StableHash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text) hash = (hash ^ c) * 1099511628211UL;
        return unchecked((long)hash);
    }

    /// <summary>Counts this node's starts in its run directory (1, 2, ...), so each start produces fresh producer ids.</summary>
    private static int NextIncarnation(string directory)
    {
        var path = Path.Combine(directory, "incarnation");
        var next = File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), out var last) ? last + 1 : 1;
        AtomicFile.Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(next.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return next;
    }
}
