using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using ImpalaAkka.Cluster.Hosting;
using WireCodec = ImpalaAkka.Cluster.Wire.WireCodec;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.IO;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Cluster;

/// <summary>How a learner-role node ended.</summary>
public enum LearnerNodeEnding
{
    /// <summary>It was the active learner when the run ended (budget, target, interrupt or a learner failure): <see cref="LearnerNodeResult.Outcome"/> says which.</summary>
    Learned,

    /// <summary>It was a standby when it was interrupted.</summary>
    StandbyStopped,

    /// <summary>The run had finished on another learner node before this one could take over.</summary>
    FinishedElsewhere,

    /// <summary>The cluster downed this node (unreachable too long) or its system stopped.</summary>
    Downed,

    /// <summary>The shared checkpoint could not be restored.</summary>
    BadCheckpoint,
}

public sealed record LearnerNodeResult(LearnerNodeEnding Ending, TrainingOutcome? Outcome, string? Problem = null);

/// <summary>How a rollout-role node ended.</summary>
public enum RolloutNodeEnding
{
    /// <summary>Stopped by its caller (SIGINT, SIGTERM); it left the cluster.</summary>
    Interrupted,

    /// <summary>The cluster downed this node (unreachable too long) or its system stopped.</summary>
    Downed,

    /// <summary>Every rollout actor failed more than supervision.max-restarts times; it left the cluster.</summary>
    ActorsStopped,
}

/// <summary>
/// The two kinds of cluster node on Akka.Cluster. A rollout node runs the in-process rollout roles
/// against its own outbox (the unroll queue, which keeps every unroll until the learner acks it)
/// and its own parameter server, fed by a relay from the learner's broadcaster; it reports to the
/// learner through a singleton proxy. A learner node runs a singleton manager: the oldest learner
/// node hosts the learner (see <see cref="LearnerHostActor"/>), any other is a standby that takes over
/// from the shared checkpoint. The learner checkpoints every step in cluster mode: a takeover then
/// repeats no learning, and outboxes free what each step used.
/// </summary>
public static class ClusterNodes
{
    /// <param name="Nodes">the learner node's node table (membership and status reports); the console shows it.</param>
    public sealed record Options(string RunDirectory, Action<RuntimeEvent>? OnEvent = null, NodeTable? Nodes = null);

    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long leaving the cluster may take before the system is just terminated (again bounded by this):
    /// with no learner or seed left, Akka's leave phases run into their own timeouts, and a node asked to
    /// stop must be gone well within a minute.
    /// </summary>
    private static readonly TimeSpan LeaveLimit = TimeSpan.FromSeconds(10);

    /// <summary>The marker a learner node leaves in the learner folder when the run reached its budget or target: a standby must not start it again.</summary>
    public const string FinishedMarker = "finished";

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

    /// <summary>The learner's shared folder of this node.</summary>
    public static string LearnerDirectory(ClusterSettings cluster, string runDirectory) =>
        cluster.LearnerDirectory.Length > 0 ? Path.GetFullPath(cluster.LearnerDirectory) : runDirectory;

    /// <summary>
    /// Runs a learner-role node until the run ends (when it is the active learner), it is downed, or
    /// <paramref name="cancellation"/>. The active learner writes checkpoint.iat and the logs of
    /// <see cref="LearnerFiles"/> to the learner folder; every learner node writes nodes.log to its own.
    /// </summary>
    public static async Task<LearnerNodeResult> RunLearnerAsync(ImpalaSettings settings, ClusterSettings cluster, TrainingMonitor monitor, Options options, CancellationToken cancellation)
    {
        settings = settings with { Learner = settings.Learner with { CheckpointEvery = 1 } };
        TorchRuntime.Configure(settings.Learner.Threads, settings.Learner.LibtorchDir, settings.Learner.OneDnn);
        TorchRuntime.ManualSeed(settings.Seed);
        var learnerDirectory = LearnerDirectory(cluster, options.RunDirectory);
        Directory.CreateDirectory(options.RunDirectory);
        Directory.CreateDirectory(learnerDirectory);
        var spec = settings.Env.Spec;
        var store = new FileCheckpointStore(Path.Combine(learnerDirectory, Checkpoint.FileName));
        // Checked before joining: a checkpoint that does not fit is refused with its reason.
        _ = LearnerStart.From(store, settings, spec);
        using var files = new LearnerFiles(learnerDirectory);
        using var nodesLog = new StreamWriter(Path.Combine(options.RunDirectory, "nodes.log"), append: true) { AutoFlush = true };
        var nodes = options.Nodes ?? new NodeTable();
        var nodesGate = new object();
        Action<string> onChange = change =>
        {
            lock (nodesGate) nodesLog.WriteLine($"{DateTimeOffset.UtcNow:O} {change}");
            options.OnEvent?.Invoke(new RuntimeEvent(RuntimeEventLevel.Info, "node-table", change));
        };
        var active = new TaskCompletionSource<(IActorRef Learner, IActorRef Inbox)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var elsewhere = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finishedMarker = Path.Combine(learnerDirectory, FinishedMarker);
        // The learner is hosted only once this node is up, so a system that never joined is simply replaced.
        var (system, events) = await ClusterSystem.JoinAsync(cluster, "learner", options.OnEvent, system =>
        {
            system.ActorOf(Props.Create(() => new MembershipActor(nodes, onChange)), "membership");
            StartPartitionControl(system, cluster, onChange);
            var host = new LearnerHostContext(settings, spec, cluster, monitor, store, files, nodes, NextIncarnation(options.RunDirectory), finishedMarker)
            {
                OnAccepted = files.OnAccepted,
                OnActive = (learner, inbox) =>
                {
                    onChange($"{cluster.Node} is the active learner (from {(File.Exists(Path.Combine(learnerDirectory, Checkpoint.FileName)) ? "the checkpoint" : "scratch")})");
                    active.TrySetResult((learner, inbox));
                },
                OnFinishedElsewhere = () => elsewhere.TrySetResult(),
                OnFailed = reason => failed.TrySetResult(reason),
            };
            system.ActorOf(ClusterSingletonManager.Props(Props.Create(() => new LearnerHostActor(host)), PoisonPill.Instance,
                ClusterSingletonManagerSettings.Create(system).WithRole("learner")), "learner");
        }, cancellation).ConfigureAwait(false);
        monitor.DeadLetters = () => events.DeadLetters;

        var interrupted = Task.Delay(Timeout.Infinite, cancellation);
        var first = await Task.WhenAny(monitor.Completion, elsewhere.Task, failed.Task, system.WhenTerminated, interrupted).ConfigureAwait(false);
        if (first == system.WhenTerminated) return new LearnerNodeResult(LearnerNodeEnding.Downed, null, "the cluster downed this node");
        if (first == elsewhere.Task || first == failed.Task || (first == interrupted && !active.Task.IsCompleted))
        {
            await ClusterSystem.LeaveAsync(system, LeaveLimit).ConfigureAwait(false);
            return first == failed.Task ? new LearnerNodeResult(LearnerNodeEnding.BadCheckpoint, null, failed.Task.Result)
                : first == elsewhere.Task ? new LearnerNodeResult(LearnerNodeEnding.FinishedElsewhere, null)
                : new LearnerNodeResult(LearnerNodeEnding.StandbyStopped, null);
        }
        if (first == interrupted) monitor.Stop(StopReason.Interrupted);
        var reason = await monitor.Completion.ConfigureAwait(false);
        LearnerStopped? stopped = null;
        if (reason != StopReason.LearnerStopped && active.Task.IsCompleted)
        {
            try
            {
                var (learner, inbox) = active.Task.Result;
                stopped = await learner.Ask<LearnerStopped>(StopLearner.Instance, StopLimit).ConfigureAwait(false);
                // The inbox goes on taking deliveries (and writing accepted.log) until the singleton stops during the leave,
                // and what it hands a learner that is gone by then is in no account: a suite run counted 8 such unrolls as
                // lost. So the inbox stops first; a second stop request is a barrier behind what it handed on, which the
                // stopped learner records as held at the stop.
                await inbox.GracefulStop(StopLimit).ConfigureAwait(false);
                await learner.Ask<LearnerStopped>(StopLearner.Instance, StopLimit).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AskTimeoutException or OperationCanceledException)
            {
                // the learner (or the inbox) was gone or did not answer within the limit; without a reply the outcome says
                // there was no final checkpoint
            }
        }
        if (reason is StopReason.MaxFrames or StopReason.TargetReturn) AtomicFile.Write(finishedMarker, s => s.Write(System.Text.Encoding.UTF8.GetBytes(reason.ToString())));
        await ClusterSystem.LeaveAsync(system, LeaveLimit).ConfigureAwait(false);
        return new LearnerNodeResult(LearnerNodeEnding.Learned, new TrainingOutcome(reason, monitor.Snapshot(), stopped?.Version ?? -1,
            stopped is null ? "the learner was gone at the end; no final checkpoint" : stopped.CheckpointError));
    }

    /// <summary>
    /// Runs a rollout node until <paramref name="cancellation"/>, until the cluster downs it, or until
    /// its last rollout actor has stopped for good (it then leaves the cluster). Appends every unroll
    /// its outbox accepted to confirmed.log and every received parameter version's broadcast latency
    /// (ms) to parameter-latency.log.
    /// </summary>
    /// <exception cref="ClusterSetupException">An unroll of this config would not fit in max-message-bytes.</exception>
    public static async Task<RolloutNodeEnding> RunRolloutAsync(ImpalaSettings settings, ClusterSettings cluster, Options options, Action<long>? onConfirmed, CancellationToken cancellation)
    {
        // One per join attempt: the actors of a system the join watchdog replaced must not end the node that joined.
        var actorsStopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TorchRuntime.Configure(1, settings.Learner.LibtorchDir, settings.Learner.OneDnn);
        Directory.CreateDirectory(options.RunDirectory);
        var spec = settings.Env.Spec;
        var shapes = ParameterShapes(settings, spec);
        var size = UnrollBytes(settings, spec);
        if (size > cluster.MaxMessageBytes)
        {
            throw new ClusterSetupException($"impala.cluster.max-message-bytes: an unroll of this config takes {size} bytes on the wire, more than the limit of {cluster.MaxMessageBytes}; raise the limit or shorten rollout.unroll-length");
        }
        var confirmedLog = new ProducedLog(Path.Combine(options.RunDirectory, "confirmed.log"), onConfirmed);
        using var _ = confirmedLog;
        long versionInUse = -1;
        using var latencyLog = new StreamWriter(Path.Combine(options.RunDirectory, "parameter-latency.log"), append: true) { AutoFlush = true };
        var latencyGate = new object();
        Action<long, long> onVersion = (version, published) =>
        {
            // Publish-to-arrival time of each version this node received (one machine's clock, or synchronised clocks).
            lock (latencyGate) latencyLog.WriteLine($"{version} {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - published}");
            Interlocked.Exchange(ref versionInUse, version);
        };
        var rate = new Rate(() => confirmedLog.Count * settings.Rollout.UnrollLength);
        IActorRef? outbox = null; // the last join attempt's: the system JoinAsync returns
        var (system, _) = await ClusterSystem.JoinAsync(cluster, "rollout", options.OnEvent, system =>
        {
            // Each system is a new incarnation: producer ids must never repeat, not even across restarts of the process.
            var incarnation = NextIncarnation(options.RunDirectory);
            var incarnations = new Incarnations(settings.Rollout.Actors, Enumerable.Repeat(incarnation * 10_000, settings.Rollout.Actors).ToArray());
            var box = outbox = system.ActorOf(Props.Create(() => new UnrollQueueActor(cluster.RedeliveryTimeout, confirmedLog)), "outbox");
            IActorRef? server = null;
            var graph = new RoleGraph(settings, spec, new DirectTransport(box, () => server!) { ConfirmTimeout = cluster.ConfirmTimeout });
            server = graph.ParameterServer(system, "parameter-server", incarnation);
            var relay = system.ActorOf(Props.Create(() => new ParameterRelayActor(server, shapes, onVersion)), "parameter-relay");
            var proxy = system.ActorOf(ClusterSingletonProxy.Props("/user/learner", ClusterSingletonProxySettings.Create(system).WithRole("learner")), "learner-proxy");
            system.ActorOf(Props.Create(() => new RolloutStatusActor(proxy, cluster.Node, incarnation, box, relay,
                () => new RolloutNodeCounters(rate.Next(), Interlocked.Read(ref versionInUse), incarnations.Restarts), cluster.HeartbeatInterval)), "status");
            StartPartitionControl(system, cluster, change => options.OnEvent?.Invoke(new RuntimeEvent(RuntimeEventLevel.Info, "chaos", change)));
            var seed = unchecked((int)Rng.Derive(settings.Seed, StableHash(cluster.Node), incarnation).NextULong());
            // A node without an actor would idle in the cluster for good, looking healthy: it leaves and says why.
            var stopped = actorsStopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            graph.RolloutNode(system, "node", new RolloutRole(cluster.Node, seed, incarnations) { OnAllActorsStopped = () => stopped.TrySetResult() });
        }, cancellation).ConfigureAwait(false);

        var first = await Task.WhenAny(system.WhenTerminated, actorsStopped.Task, Task.Delay(Timeout.Infinite, cancellation)).ConfigureAwait(false);
        if (first == system.WhenTerminated) return RolloutNodeEnding.Downed;
        await RecordHeldAtStopAsync(outbox!, Path.Combine(options.RunDirectory, "held-at-stop.log"), options.OnEvent).ConfigureAwait(false);
        await ClusterSystem.LeaveAsync(system, LeaveLimit).ConfigureAwait(false);
        return first == actorsStopped.Task ? RolloutNodeEnding.ActorsStopped : RolloutNodeEnding.Interrupted;
    }

    /// <summary>
    /// A cleanly stopping rollout node appends the producer id of every unroll its outbox still holds (never acked) to
    /// held-at-stop.log: some a learner accepted and did not use before it died, and no learner took them again before the
    /// end. With the learner's own held-at-stop.log they complete the account of every accepted unroll.
    /// </summary>
    private static async Task RecordHeldAtStopAsync(IActorRef outbox, string path, Action<RuntimeEvent>? onEvent)
    {
        try
        {
            var stats = await outbox.Ask<QueueStats>(GetQueueStats.Instance, StopLimit).ConfigureAwait(false);
            using var log = new AppendLog(path);
            foreach (var id in stats.StoredIds) log.WriteLine(id.ToString());
        }
        catch (Exception e) when (e is AskTimeoutException or IOException or UnauthorizedAccessException)
        {
            onEvent?.Invoke(new RuntimeEvent(RuntimeEventLevel.Warning, "outbox", $"what the outbox holds at the stop was not recorded in {path}: {e.Message}"));
        }
    }

    /// <summary>The shapes of the model's parameters, in order (for checking parameter messages).</summary>
    public static IReadOnlyList<long[]> ParameterShapes(ImpalaSettings settings, EnvironmentSpec spec) =>
        [.. ModelShapes.Of(settings.Model, spec).Select(p => p.Shape)];

    /// <summary>The wire size of one unroll of this config (no finished episodes).</summary>
    public static int UnrollBytes(ImpalaSettings settings, EnvironmentSpec spec)
    {
        var t = settings.Rollout.UnrollLength;
        var unroll = new Unroll(new("rollout-0", 0, 1, 0), 0, t, new float[(long)(t + 1) * spec.ObservationSize], new int[t],
            new float[t], new bool[t], new float[(long)t * spec.ActionCount], [], []);
        return WireCodec.Encode(unroll, spec.ObservationShape, spec.ActionCount).Length;
    }

    private static void StartPartitionControl(ActorSystem system, ClusterSettings cluster, Action<string> onChange)
    {
        if (cluster.ControlFile.Length == 0) return;
        var self = new Endpoint(cluster.Hostname, cluster.Port);
        system.ActorOf(Props.Create(() => new PartitionControlActor(Path.GetFullPath(cluster.ControlFile), self, cluster, onChange)), "partition-control");
    }

    /// <summary>confirmed.log: every unroll a rollout node's outbox accepted from its actors.</summary>
    private sealed class ProducedLog(string path, Action<long>? onCount) : IRunObserver, IDisposable
    {
        private readonly StreamWriter writer = new(path, append: true) { AutoFlush = true };
        private long count;

        public long Count => Interlocked.Read(ref count);

        public void Accepted(ProducerId producer)
        {
            lock (writer) writer.WriteLine(producer.ToString());
            onCount?.Invoke(Interlocked.Increment(ref count));
        }

        public void Dispose()
        {
            lock (writer) writer.Dispose();
        }
    }

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
