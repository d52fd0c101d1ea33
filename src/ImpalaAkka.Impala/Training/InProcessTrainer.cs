using ImpalaAkka.Actors;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Torch;

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

    public static async Task<TrainingOutcome> RunAsync(ImpalaSettings settings, TrainingMonitor monitor, Options options, CancellationToken cancellation)
    {
        Libtorch.ManualSeed((ulong)settings.Seed);
        Libtorch.NumThreads = settings.Learner.Threads;
        var spec = Environments.Environments.SpecOf(settings.Env.Name);
        using var core = new LearnerCore(settings, spec);
        Checkpoint.Meta? resumed = null;
        if (options.ResumeFrom is not null)
        {
            resumed = Checkpoint.Load(options.ResumeFrom, core);
            monitor.Resume(resumed.Frames, resumed.LearnerSteps, resumed.Episodes, resumed.WallSeconds);
        }

        var system = new ActorSystem("impala", new ActorSystemOptions
        {
            GuardianStrategy = new SupervisorStrategy(_ => Directive.Stop),
        });
        if (options.OnEvent is { } onEvent) system.Events += onEvent;
        monitor.Restarts = () => system.Restarts;

        var parameterServer = system.ActorOf(Props.Create(() => new ParameterServerActor(
            settings.KeepVersions, new LagInjector(settings.Lag, Rng.Derive(settings.Seed, -1)))), "parameter-server");
        var replay = settings.Replay.Enabled
            ? system.ActorOf(Props.Create(() => new ReplayActor(settings.Replay.Capacity, Rng.Derive(settings.Seed, -2))), "replay")
            : null;
        var learner = system.ActorOf(Props.Create(() => new LearnerActor(
            new LearnerWiring(settings, spec, core, parameterServer, replay, monitor, options.CheckpointPath),
            resumed?.LearnerSteps ?? 0, resumed?.Episodes ?? 0)), "learner");

        var createEnvironment = options.CreateEnvironment ?? (_ =>
        {
            var env = Environments.Environments.Create(settings.Env.Name);
            return settings.Env.FailEvery > 0 ? new FaultInjectingEnvironment(env, settings.Env.FailEvery) : env;
        });
        // A resumed run acts with fresh seeds, so it does not replay the trajectories of the first run.
        var rolloutSeed = unchecked(settings.Seed * 1_000_003 + (int)(resumed?.Version ?? 0));
        var incarnations = new int[settings.Rollout.Actors];
        Props RolloutProps(int index) => Props.Create(() => new RolloutActor(new RolloutWiring(
            "local", index, Interlocked.Increment(ref incarnations[index]), rolloutSeed, settings.Rollout, parameterServer, learner,
            () => createEnvironment(index), () => ActingPolicies.Create(settings.Rollout.Policy, settings.Model, spec))));
        system.ActorOf(Props.Create(() => new RolloutNodeActor(settings.Rollout.Actors, RolloutProps, settings.Supervision,
            _ => monitor.OnActorStopped())), "node");

        string reason;
        try
        {
            reason = await monitor.Completion.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            reason = "interrupted";
            monitor.Stop(reason);
        }

        LearnerStopped? stopped = null;
        try
        {
            stopped = await learner.Ask<LearnerStopped>(StopLearner.Instance, TimeSpan.FromMinutes(2), system).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // The learner is gone (it failed); the monitor already holds the reason.
        }
        system.Terminate();
        await system.WhenTerminated.WaitAsync(TimeSpan.FromMinutes(2)).ConfigureAwait(false);
        return new TrainingOutcome(reason, monitor.Snapshot(), stopped?.Version ?? core.Version, stopped?.CheckpointError);
    }
}
