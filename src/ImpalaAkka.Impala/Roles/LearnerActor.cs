using ImpalaAkka.Actors;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;
using ImpalaAkka.Torch;

namespace ImpalaAkka.Impala.Roles;

/// <summary>What the learner is wired to. <c>CheckpointPath</c> null: no checkpoints.</summary>
public sealed record LearnerWiring(
    ImpalaSettings Settings,
    EnvironmentSpec Spec,
    LearnerCore Core,
    IActorRef ParameterServer,
    IActorRef? Replay,
    TrainingMonitor Monitor,
    string? CheckpointPath);

/// <summary>
/// Batches B unrolls (fresh, plus a replayed share when replay is on), runs one
/// <see cref="LearnerCore"/> step per batch, publishes every new version, and returns flow-control
/// credit to each producer for every unroll it used or dropped. Measures each fresh unroll's policy
/// lag (learner version at use - version that acted); drops malformed unrolls and, with max-lag,
/// stale ones, counting both by reason.
/// </summary>
public sealed class LearnerActor : ActorBase
{
    private readonly LearnerWiring wiring;
    private readonly List<(Unroll Unroll, IActorRef Sender)> pending = [];
    private readonly int replayPerBatch;
    private readonly int freshPerBatch;
    private long steps;
    private long episodes;

    public LearnerActor(LearnerWiring wiring, long resumedSteps = 0, long resumedEpisodes = 0)
    {
        this.wiring = wiring;
        var b = wiring.Settings.Learner.BatchSize;
        replayPerBatch = wiring.Replay is null ? 0 : (int)Math.Round(b * wiring.Settings.Replay.Share);
        freshPerBatch = b - replayPerBatch;
        steps = resumedSteps;
        episodes = resumedEpisodes;
        Ready();
    }

    protected override void PreStart() =>
        wiring.ParameterServer.Tell(new PublishParameters(wiring.Core.Snapshot()), Self);

    protected override void PostStop() => wiring.Monitor.Stop("learner stopped");

    private void Ready()
    {
        Receive<Unroll>(u =>
        {
            Accept(u);
            TryTrain();
        });
        Receive<StopLearner>(_ => Finish());
    }

    private void AwaitingReplay()
    {
        Receive<Unroll>(Accept);
        Receive<SampledUnrolls>(OnSampled);
        Receive<StopLearner>(_ => Finish());
    }

    private void Stopped()
    {
        Receive<Unroll>(_ => Sender.Tell(new UnrollsConsumed(1), Self));
        Receive<StopLearner>(_ => Sender.Tell(new LearnerStopped(wiring.Core.Version, null), Self));
    }

    private void Accept(Unroll unroll)
    {
        var problem = UnrollValidator.Problem(unroll, wiring.Spec, wiring.Settings.Rollout.UnrollLength, wiring.Core.Net.StateSize);
        if (problem is not null)
        {
            Drop("malformed", $"unroll {unroll.Producer}: {problem}");
            return;
        }
        if (wiring.Settings.Learner.MaxLag is { } maxLag && wiring.Core.Version - unroll.ParameterVersion > maxLag)
        {
            Drop("stale", null);
            return;
        }
        pending.Add((unroll, Sender));
    }

    private void Drop(string reason, string? detail)
    {
        wiring.Monitor.OnDropped(reason);
        if (detail is not null) Context.System.Publish(new ActorEvent(ActorEventLevel.Warning, Self.Path, $"dropped {detail}"));
        Sender.Tell(new UnrollsConsumed(1), Self);
    }

    private void TryTrain()
    {
        if (pending.Count < freshPerBatch || wiring.Monitor.IsComplete) return;
        if (replayPerBatch > 0)
        {
            wiring.Replay!.Tell(new SampleUnrolls(replayPerBatch), Self);
            Become(AwaitingReplay);
            return;
        }
        Train(freshPerBatch, []);
    }

    private void OnSampled(SampledUnrolls sampled)
    {
        Become(Ready);
        if (sampled.Unrolls.Count == replayPerBatch) Train(freshPerBatch, sampled.Unrolls);
        else if (pending.Count >= freshPerBatch + replayPerBatch) Train(freshPerBatch + replayPerBatch, []); // replay still filling
    }

    private void Train(int freshCount, IReadOnlyList<Unroll> replayed)
    {
        var fresh = pending.GetRange(0, freshCount);
        pending.RemoveRange(0, freshCount);
        var core = wiring.Core;
        var lags = fresh.Select(f => core.Version - f.Unroll.ParameterVersion).ToList();
        var batch = fresh.Select(f => f.Unroll).Concat(replayed).ToList();
        var framesBefore = core.Frames;
        var metrics = core.Step(batch, fresh.Count);
        steps++;

        foreach (var group in fresh.GroupBy(f => f.Sender, ReferenceEqualityComparer.Instance))
        {
            ((IActorRef)group.Key!).Tell(new UnrollsConsumed(group.Count()), Self);
        }
        if (wiring.Replay is not null)
        {
            foreach (var f in fresh) wiring.Replay.Tell(new StoreUnroll(f.Unroll), Self);
        }
        wiring.ParameterServer.Tell(new PublishParameters(core.Snapshot()), Self);
        var finished = fresh.SelectMany(f => f.Unroll.EpisodeReturns.Zip(f.Unroll.EpisodeLengths)).ToList();
        episodes += finished.Count;
        wiring.Monitor.OnStep(core.Frames - framesBefore, metrics, lags, replayed.Count, finished);

        var every = wiring.Settings.Learner.CheckpointEvery;
        if (every > 0 && steps % every == 0) SaveCheckpoint();
        if (!wiring.Monitor.IsComplete) TryTrain();
    }

    private void Finish()
    {
        var error = SaveCheckpoint();
        Become(Stopped);
        Sender.Tell(new LearnerStopped(wiring.Core.Version, error), Self);
    }

    /// <summary>Writes the checkpoint; a failure is reported, never fatal (the previous file stays intact).</summary>
    private string? SaveCheckpoint()
    {
        if (wiring.CheckpointPath is null) return null;
        try
        {
            var snapshot = wiring.Monitor.Snapshot();
            Checkpoint.Save(wiring.CheckpointPath, wiring.Core,
                new Checkpoint.Meta(wiring.Core.Version, wiring.Core.Frames, steps, episodes, wiring.Core.Optimizer.StepCount, snapshot.WallSeconds));
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or TorchException)
        {
            Context.System.Publish(new ActorEvent(ActorEventLevel.Error, Self.Path, $"checkpoint not written: {e.Message}", e));
            return e.Message;
        }
    }
}
