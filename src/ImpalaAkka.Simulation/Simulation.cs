using System.Diagnostics;
using System.Security.Cryptography;
using Akka.Actor;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;
using ImpalaAkka.Impala.Training;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Simulation.Determinism;
using ImpalaAkka.Simulation.Trace;

namespace ImpalaAkka.Simulation;

/// <summary>
/// The whole system in one thread: a broker node (the unroll queue), a learner node (learner,
/// parameter server, replay) and N rollout nodes, the real role actors built by the same
/// <see cref="RoleGraph"/> as every wiring, in one Akka system on our seeded deterministic
/// dispatcher and virtual-time scheduler, connected by a <see cref="SimNetwork"/> (the graph's
/// transport). Compute is
/// real (single-threaded, deterministic libtorch); a rollout round and a learner step take their
/// configured virtual time. Faults come from the schedule. The learner checkpoints every step to
/// the simulated disk, which survives its crashes; the broker does not crash. Same seed and
/// config: same trace and same final parameters, bit for bit.
/// </summary>
public sealed class Simulation
{
    private const string Learner = "learner";
    private const string Broker = "broker";

    private readonly ImpalaSettings settings;
    private readonly SimSettings sim;
    private readonly int seed;
    private readonly DeterministicActorSystem kit;
    private readonly RoleGraph graph;
    private readonly SimTrace trace;
    private readonly InvariantChecker checker;
    private readonly TracingObserver observer;
    private readonly SimNetwork network;
    private readonly MemoryCheckpointStore disk = new("sim disk of node learner");
    private readonly TrainingMonitor monitor;
    private readonly EnvironmentSpec spec;
    private readonly Dictionary<string, Node> nodes = [];
    private readonly List<Incarnations> rolloutIncarnations = [];
    private readonly List<string> faults = [];
    private readonly IActorRef queue;
    private IActorRef? learner;
    private Action<TrainingSnapshot>? onSnapshot;
    private IActorRef? parameterServer;

    private sealed class Node(string name)
    {
        public string Name { get; } = name;
        public bool Up { get; set; }
        public int Incarnation { get; set; }
        public List<IActorRef> Actors { get; } = [];
    }

    private Simulation(ImpalaSettings settings, SimSettings sim, bool keepTrace)
    {
        // The learner publishes only durable versions: a checkpoint every step.
        this.settings = settings with { Learner = settings.Learner with { CheckpointEvery = 1, Threads = 1 } };
        this.sim = sim;
        seed = settings.Seed;
        spec = settings.Env.Spec;
        kit = DeterministicActorSystem.Create("sim", seed);
        trace = new SimTrace(keepTrace);
        long? lagBound = settings.Rollout.Sync && settings.Lag.Mode is LagMode.None or LagMode.Fixed or LagMode.Uniform ? settings.Lag.MaxInjected : null;
        checker = new InvariantChecker(lagBound);
        observer = new TracingObserver(checker, trace, kit.System.Scheduler);
        network = new SimNetwork(sim.Network, kit.System, Rng.Derive(seed, -10), trace, name => name == Broker || nodes[name].Up);
        graph = new RoleGraph(this.settings, spec, new SimTransport(this));
        monitor = new TrainingMonitor(settings.Run.MaxFrames, settings.Run.TargetReturn, settings.Run.StopAtTarget);
        monitor.Restarts = () => rolloutIncarnations.Sum(i => i.Restarts);
        monitor.DeadLetters = () => kit.DeadLetters;
        queue = kit.System.ActorOf(Props.Create(() => new UnrollQueueActor(sim.RedeliveryTimeout, observer)), "broker-queue");
        nodes[Learner] = new Node(Learner);
        for (var i = 0; i < sim.RolloutNodes; i++) nodes[$"rollout-{i}"] = new Node($"rollout-{i}");
    }

    /// <summary>Runs a simulation to its frame budget, target return or virtual duration; <paramref name="progress"/> gets a line every 5 virtual seconds.</summary>
    /// <param name="onSnapshot">Gets the run's progress every virtual second and at the end (metrics.csv).</param>
    /// <param name="cancellation">Ends the run between two virtual instants with <see cref="StopReason.Interrupted"/> (SIGINT, SIGTERM); the result covers what ran.</param>
    public static SimResult Run(ImpalaSettings settings, SimSettings sim, bool keepTrace = false, Action<string>? progress = null,
        Action<SimTrace>? onTrace = null, Action<TrainingSnapshot>? onSnapshot = null, CancellationToken cancellation = default)
    {
        var simulation = new Simulation(settings, sim, keepTrace) { onSnapshot = onSnapshot };
        var result = simulation.Execute(progress, cancellation);
        onTrace?.Invoke(simulation.trace);
        return result;
    }

    private SimResult Execute(Action<string>? progress, CancellationToken cancellation)
    {
        var wall = Stopwatch.StartNew();
        // One intra-op thread: libtorch's CPU kernels are then deterministic run to run.
        TorchRuntime.Configure(1, settings.Learner.LibtorchDir, settings.Learner.OneDnn);
        try
        {
            StartLearnerNode();
            foreach (var node in nodes.Values.Where(n => n.Name != Learner)) StartRolloutNode(node);
            foreach (var fault in Schedule()) kit.System.Scheduler.Advanced.ScheduleOnce(fault.At, () => Apply(fault));

            var stop = RunLoop(progress, cancellation);
            return Finish(stop, wall.Elapsed.TotalSeconds);
        }
        finally
        {
            kit.Dispose();
        }
    }

    private StopReason RunLoop(Action<string>? progress, CancellationToken cancellation)
    {
        var nextReport = TimeSpan.FromSeconds(5);
        var nextSnapshot = TimeSpan.FromSeconds(1);
        while (true)
        {
            kit.RunUntilIdle();
            if (monitor.IsComplete) return monitor.Completion.Result;
            // Checked only here, between instants, so an interrupted run still ends in a consistent state.
            if (cancellation.IsCancellationRequested) return StopReason.Interrupted;
            while (onSnapshot is not null && kit.Scheduler.Now >= nextSnapshot)
            {
                onSnapshot(monitor.Snapshot());
                nextSnapshot += TimeSpan.FromSeconds(1);
            }
            if (kit.Scheduler.NextDue is not { } due) return StopReason.Stalled;
            if (due > sim.Duration) return StopReason.Duration;
            if (due >= nextReport)
            {
                var s = monitor.Snapshot();
                progress?.Invoke($"[{due.TotalSeconds,6:F1}s virtual] frames {s.Frames,8}  steps {s.LearnerSteps,6}  return {(s.ReturnMean100 is { } r ? r.ToString("F2") : "-")}  lag mean {s.LagMean:F2} max {s.LagMax}");
                nextReport += TimeSpan.FromSeconds(5);
            }
            kit.Scheduler.AdvanceTo(due);
        }
    }

    private SimResult Finish(StopReason stop, double wallSeconds)
    {
        var finalVersion = -1L;
        if (nodes[Learner].Up && learner is not null)
        {
            finalVersion = kit.Ask<LearnerStopped>(learner, StopLearner.Instance).Version;
        }
        var queueStats = kit.Ask<QueueStats>(queue, GetQueueStats.Instance);
        var lost = checker.CheckNothingLost(queueStats.StoredIds);
        var snapshot = monitor.Snapshot();
        onSnapshot?.Invoke(snapshot);
        trace.Add(new RunEnded(kit.Scheduler.Now, stop.ToText(), finalVersion, snapshot.Frames));
        return new SimResult(
            seed, stop.ToText(), kit.Scheduler.Now.TotalSeconds, wallSeconds, trace.Sha256(), ParametersSha256(), trace.Count,
            snapshot.Frames, snapshot.Episodes, snapshot.LearnerSteps, finalVersion, snapshot.ReturnMean100, snapshot.FramesToTarget,
            snapshot.LagMean, snapshot.LagMax, snapshot.LagHistogram.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
            checker.AcceptedCount, checker.LearnedCount, checker.DroppedByReason, queueStats.Stored, lost,
            checker.Violations.Count(v => v.Contains("learned twice", StringComparison.Ordinal)),
            network.Sent, network.Lost, network.Duplicated, queueStats.Redeliveries, rolloutIncarnations.Sum(i => i.Restarts), faults, checker.Violations);
    }

    /// <summary>SHA-256 over the final checkpoint's parameters (names and raw bytes, in model order).</summary>
    private string ParametersSha256()
    {
        if (disk.Read() is null) return "none";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, values) in Checkpoint.ReadParameters(disk))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }

    private void StartLearnerNode()
    {
        var node = nodes[Learner];
        node.Up = true;
        node.Incarnation++;
        var incarnation = node.Incarnation;
        var prefix = $"learner-{incarnation}";
        parameterServer = graph.ParameterServer(kit.System, $"{prefix}-parameter-server", incarnation);
        var replay = graph.Replay(kit.System, $"{prefix}-replay", incarnation);
        var (s, server) = (settings, parameterServer);
        // Initial weights from the seed (a restart then loads the checkpoint over them), the same while other simulations run.
        learner = graph.Learner(kit.System, $"{prefix}-learner", Learner, new LearnerRole(() => TorchRuntime.Seeded(seed, () => LearnerStart.From(disk, s, spec)),
            server, replay, monitor)
        {
            Store = disk,
            Observer = observer,
        }, endRunWhenStopped: false);
        node.Actors.Clear();
        node.Actors.AddRange(replay is null ? [parameterServer, learner] : [parameterServer, replay, learner]);
    }

    private void StartRolloutNode(Node node)
    {
        node.Up = true;
        node.Incarnation++;
        var index = int.Parse(node.Name.AsSpan("rollout-".Length), System.Globalization.CultureInfo.InvariantCulture);
        var nodeSeed = unchecked((int)Rng.Derive(seed, 100 + index, node.Incarnation).NextULong());
        var incarnations = new Incarnations(settings.Rollout.Actors);
        rolloutIncarnations.Add(incarnations);
        var guardian = graph.RolloutNode(kit.System, $"{node.Name}-{node.Incarnation}", new RolloutRole(node.Name, nodeSeed, incarnations) { Observer = observer });
        node.Actors.Clear();
        node.Actors.Add(guardian);
    }

    /// <summary>Every node reaches the broker's queue and the learner node's parameter server over the simulated network; compute costs virtual time.</summary>
    private sealed class SimTransport(Simulation simulation) : IRoleTransport
    {
        public IActorRef Queue(string node) => simulation.network.Address(node, Broker, "queue", () => simulation.queue);

        public IActorRef ParameterServer(string node) => simulation.network.Address(node, Learner, "parameter-server", () => simulation.parameterServer);

        public ComputeClock Compute => new(simulation.sim.RoundCost, simulation.sim.StepCost);

        public TimeSpan Heartbeat => simulation.sim.Heartbeat;

        public TimeSpan ConfirmTimeout => simulation.sim.ConfirmTimeout;
    }

    /// <summary>The configured events plus the random ones drawn from the seed, in time order (stable for equal times).</summary>
    private List<FaultEvent> Schedule()
    {
        var events = new List<FaultEvent>(sim.Events);
        var r = sim.Random;
        if (r.Any)
        {
            var rng = Rng.Derive(seed, -20);
            TimeSpan When() => TimeSpan.FromSeconds(1 + rng.NextDouble() * (r.Window.TotalSeconds - 1));
            string RolloutNode() => $"rollout-{rng.NextInt(sim.RolloutNodes)}";
            for (var i = 0; i < r.RolloutCrashes; i++)
            {
                var (at, node) = (When(), RolloutNode());
                events.Add(new FaultEvent(at, FaultKind.Crash, node, "", TimeSpan.Zero, 0));
                events.Add(new FaultEvent(at + r.DownTime, FaultKind.Restart, node, "", TimeSpan.Zero, 0));
            }
            for (var i = 0; i < r.Partitions; i++)
            {
                events.Add(new FaultEvent(When(), FaultKind.Partition, Learner, RolloutNode(), r.PartitionTime, 0));
            }
            for (var i = 0; i < r.LearnerCrashes; i++)
            {
                var at = When();
                events.Add(new FaultEvent(at, FaultKind.Crash, Learner, "", TimeSpan.Zero, 0));
                events.Add(new FaultEvent(at + r.DownTime, FaultKind.Restart, Learner, "", TimeSpan.Zero, 0));
            }
        }
        return [.. events.OrderBy(e => e.At)];
    }

    private void Apply(FaultEvent fault)
    {
        var now = kit.Scheduler.Now;
        faults.Add(fault.ToString());
        trace.Add(new FaultApplied(now, fault));
        switch (fault.Kind)
        {
            case FaultKind.Crash:
                var down = nodes[fault.A];
                if (!down.Up) break;
                down.Up = false;
                foreach (var actor in down.Actors) kit.System.Stop(actor);
                break;
            case FaultKind.Restart:
                var up = nodes[fault.A];
                if (up.Up) break;
                if (up.Name == Learner) StartLearnerNode();
                else StartRolloutNode(up);
                break;
            case FaultKind.Partition:
                network.Partition(fault.A, fault.B, fault.Length);
                break;
            case FaultKind.DropParams:
                network.LoseParameters(fault.A, fault.Length);
                break;
            case FaultKind.Loss:
                network.LossBurst(fault.Rate, fault.Length);
                break;
        }
    }
}
