using ImpalaAkka.Actors;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Training;

/// <summary>
/// The default wiring: parameter server, learner, optional replay and a rollout node with its
/// rollout actors, all in one process on the thread-pool dispatcher. Runs until the monitor says
/// the run is complete (or <c>cancellation</c>), then stops the learner (final checkpoint) and
/// every actor.
/// </summary>
public static class InProcessTrainer
{
    public sealed record Options
    {
        /// <summary>Where checkpoints are written (null: none).</summary>
        public string? CheckpointPath { get; init; }

        /// <summary>Load this checkpoint first and continue from it.</summary>
        public string? ResumeFrom { get; init; }

        /// <summary>Replaces environment creation for rollout actor <c>index</c> (tests inject faults this way).</summary>
        public Func<int, IEnvironment>? CreateEnvironment { get; init; }

        /// <summary>Runtime events (failures, restarts, dropped messages).</summary>
        public Action<ActorEvent>? OnEvent { get; init; }
    }

    /// <summary>The node name of every in-process producer id.</summary>
    private const string LocalNode = "local";

    public static async Task<TrainingOutcome> RunAsync(ImpalaSettings settings, TrainingMonitor monitor, Options options, CancellationToken cancellation)
    {
        TorchRuntime.Configure(settings.Learner.Threads, settings.Learner.LibtorchDir, settings.Learner.OneDnn);
        TorchRuntime.ManualSeed(settings.Seed);
        var spec = Environments.Environments.SpecOf(settings.Env.Name);
        ICheckpointStore? store = options.CheckpointPath is null ? null : new FileCheckpointStore(options.CheckpointPath);
        Checkpoint.Meta? resumed = null;
        var incarnations = new int[settings.Rollout.Actors];
        if (options.ResumeFrom is not null)
        {
            // Check the checkpoint fits before any actor starts; the learner loads it again in PreStart.
            var resumeStore = new FileCheckpointStore(options.ResumeFrom);
            using (var probe = new LearnerCore(settings, spec))
            {
                var (meta, ledger) = Checkpoint.Load(resumeStore, probe);
                resumed = meta;
                // Producer ids must not repeat the first run's, or the ledger drops fresh unrolls as
                // duplicates: each actor resumes past the last incarnation the checkpoint settled.
                foreach (var stream in ledger.Streams().Where(s => s.Node == LocalNode && s.Actor < incarnations.Length))
                {
                    incarnations[stream.Actor] = Math.Max(incarnations[stream.Actor], stream.Incarnation);
                }
            }
            store ??= resumeStore;
        }

        var system = new ActorSystem("impala", new ActorSystemOptions
        {
            GuardianStrategy = new SupervisorStrategy(_ => Directive.Stop),
        });
        if (options.OnEvent is { } onEvent) system.Events += onEvent;
        monitor.Restarts = () => system.Restarts;

        var parameterServer = system.ActorOf(Props.Create(() => new ParameterServerActor(
            settings.KeepVersions, new LagInjector(settings.Lag, Rng.Derive(settings.Seed, -1)))), "parameter-server");
        var queue = system.ActorOf(Props.Create(() => new UnrollQueueActor(TimeSpan.FromSeconds(60))), "unroll-queue");
        var replay = settings.Replay.Enabled
            ? system.ActorOf(Props.Create(() => new ReplayActor(settings.Replay.Capacity, Rng.Derive(settings.Seed, -2))), "replay")
            : null;
        var learner = system.ActorOf(Props.Create(() => new LearnerActor(
            new LearnerWiring(settings, spec, () => new LearnerCore(settings, spec), parameterServer, queue, replay, monitor)
            {
                Store = store,
                Restore = resumed is not null,
            })), "learner");
        system.ActorOf(Props.Create(() => new StopRunWhenTerminated(learner, monitor, "learner stopped")), "learner-watch");

        var createEnvironment = options.CreateEnvironment ?? (_ =>
        {
            var env = Environments.Environments.Create(settings.Env.Name);
            return settings.Env.FailEvery > 0 ? new FaultInjectingEnvironment(env, settings.Env.FailEvery) : env;
        });
        // A resumed run acts with fresh seeds, so it does not replay the trajectories of the first run.
        var rolloutSeed = unchecked(settings.Seed * 1_000_003 + (int)(resumed?.Version ?? 0));
        Props RolloutProps(int index) => Props.Create(() => new RolloutActor(new RolloutWiring(
            LocalNode, index, Interlocked.Increment(ref incarnations[index]), rolloutSeed, settings.Rollout, parameterServer, queue,
            () => createEnvironment(index), () => ActingPolicies.Create(settings.Rollout.Policy, settings.Model, spec))));
        system.ActorOf(Props.Create(() => new RolloutNodeActor(settings.Rollout.Actors, RolloutProps, settings.Supervision,
            _ => monitor.OnActorStopped())), "node");

        return await RunCompletion.AwaitAndStopAsync(system, learner, monitor, TimeSpan.FromMinutes(2), cancellation).ConfigureAwait(false);
    }
}
