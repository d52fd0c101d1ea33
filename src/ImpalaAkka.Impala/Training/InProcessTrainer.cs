using Akka.Actor;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Impala.Training;

/// <summary>
/// The default wiring: parameter server, unroll queue, learner, optional replay and a rollout node
/// with its rollout actors, all in one Akka system on real time. Runs until the monitor says the run
/// is complete (or <c>cancellation</c>), then stops the learner (final checkpoint) and every actor.
/// </summary>
public static class InProcessTrainer
{
    public sealed record Options
    {
        /// <summary>Where checkpoints are written (null: none).</summary>
        public string? CheckpointPath { get; init; }

        /// <summary>A checkpoint already loaded (see <see cref="LearnerStart.From"/>): continue from it. The learner takes ownership.</summary>
        public LearnerStart? Resume { get; init; }

        /// <summary>Replaces environment creation for rollout actor <c>index</c> (tests inject faults this way).</summary>
        public Func<int, IEnvironment>? CreateEnvironment { get; init; }

        /// <summary>Runtime events (failures, restarts, dropped messages).</summary>
        public Action<RuntimeEvent>? OnEvent { get; init; }
    }

    /// <summary>The node name of every in-process producer id.</summary>
    private const string LocalNode = "local";

    public static async Task<TrainingOutcome> RunAsync(ImpalaSettings settings, TrainingMonitor monitor, Options options, CancellationToken cancellation)
    {
        TorchRuntime.Configure(settings.Learner.Threads, settings.Learner.LibtorchDir, settings.Learner.OneDnn);
        TorchRuntime.ManualSeed(settings.Seed);
        var spec = settings.Env.Spec;
        ICheckpointStore? store = options.CheckpointPath is null ? null : new FileCheckpointStore(options.CheckpointPath);
        var resumed = options.Resume?.Restored;
        // Producer ids must not repeat the first run's, or the ledger drops fresh unrolls as
        // duplicates: each actor resumes past the last incarnation the checkpoint settled.
        var settled = new int[settings.Rollout.Actors];
        foreach (var stream in (options.Resume?.Ledger.Streams() ?? []).Where(s => s.Node == LocalNode && s.Actor < settled.Length))
        {
            settled[stream.Actor] = Math.Max(settled[stream.Actor], stream.Incarnation);
        }
        var incarnations = new Incarnations(settings.Rollout.Actors, settled);

        var (system, events) = RoleSystem.Create("impala", options.OnEvent);
        monitor.Restarts = () => incarnations.Restarts;
        monitor.DeadLetters = () => events.DeadLetters;
        var queue = system.ActorOf(Props.Create(() => new UnrollQueueActor(TimeSpan.FromSeconds(60), null)), "unroll-queue");
        IActorRef? parameterServer = null;
        var graph = new RoleGraph(settings, spec, new DirectTransport(queue, () => parameterServer!));
        parameterServer = graph.ParameterServer(system, "parameter-server", 1);
        var learner = graph.Learner(system, "learner", LocalNode,
            new LearnerRole(LearnerStart.FirstThen(options.Resume, () => LearnerStart.Fresh(settings, spec)),
                parameterServer, graph.Replay(system, "replay", 1), monitor) { Store = store },
            endRunWhenStopped: true);
        // A resumed run acts with fresh seeds, so it does not replay the trajectories of the first run.
        var rolloutSeed = unchecked(settings.Seed * 1_000_003 + (int)(resumed?.Version ?? 0));
        graph.RolloutNode(system, "node", new RolloutRole(LocalNode, rolloutSeed, incarnations)
        {
            CreateEnvironment = options.CreateEnvironment,
            OnActorStopped = _ => monitor.OnActorStopped(),
            // The node is the run's only source of unrolls: without an actor the learner would wait forever.
            OnAllActorsStopped = () => monitor.Stop(StopReason.RolloutActorsStopped),
        });

        return await RunCompletion.AwaitAndStopAsync(system, learner, monitor, TimeSpan.FromMinutes(2), cancellation).ConfigureAwait(false);
    }
}
