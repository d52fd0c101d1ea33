using Akka.Actor;
using Akka.Event;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Protocol;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// What the learner is wired to. <c>Start</c> is called on every (re)start: a fresh core, or one with a
/// checkpoint loaded (see <see cref="LearnerStart"/>). <c>Store</c> null: no checkpoints (and acks go
/// out right after each step). <c>Compute</c>: what a step costs on the clock (zero on real time).
/// <c>ConsumeInterval</c>: how often the learner re-registers with the queue (its registration may be
/// lost on a faulty network).
/// </summary>
public sealed record LearnerWiring(
    ImpalaSettings Settings,
    EnvironmentSpec Spec,
    Func<LearnerStart> Start,
    IActorRef ParameterServer,
    IActorRef Queue,
    IActorRef? Replay,
    TrainingMonitor Monitor)
{
    public ICheckpointStore? Store { get; init; }

    public ComputeClock Compute { get; init; } = ComputeClock.RealTime;

    public TimeSpan ConsumeInterval { get; init; } = TimeSpan.FromSeconds(1);

    public IRunObserver Observer { get; init; } = NoObserver.Instance;
}

/// <summary>
/// Consumes unrolls from the queue, batches B of them (fresh, plus a replayed share when replay is
/// on), runs one <see cref="LearnerCore"/> step per batch and publishes every new version.
/// Measures each fresh unroll's policy lag (learner version at use - version that acted); drops
/// malformed, stale (max-lag) and duplicate unrolls, counting each reason. Exactly-once learning
/// across crashes is the <see cref="ExactlyOnceBook"/>'s: an unroll is recognised by its producer id
/// against what is pending, what has been used since the last checkpoint, and the ledger of the
/// checkpoint itself; the queue is told to delete a delivery only once the step that used it is in
/// a checkpoint.
/// </summary>
public sealed class LearnerActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly LearnerWiring wiring;
    private readonly ExactlyOnceBook book;
    private readonly int replayPerBatch;
    private LearnerCore? core;
    private long steps;
    private long episodes;

    public LearnerActor(LearnerWiring wiring)
    {
        this.wiring = wiring;
        var b = wiring.Settings.Learner.BatchSize;
        replayPerBatch = wiring.Replay is null ? 0 : (int)Math.Round(b * wiring.Settings.Replay.Share);
        book = new ExactlyOnceBook(b - replayPerBatch, replayPerBatch);
        Ready();
    }

    private LearnerCore Core => core!;

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record ConsumeTick;

    private sealed record StepDue(IReadOnlyList<Unroll> Replayed);

    private int Prefetch => 2 * wiring.Settings.Learner.BatchSize;

    protected override void PreStart()
    {
        var start = wiring.Start();
        core = start.Core;
        book.Restore(start.Ledger);
        if (start.Restored is { } meta)
        {
            steps = meta.LearnerSteps;
            episodes = meta.Episodes;
            wiring.Monitor.Resume(meta.Frames, meta.LearnerSteps, meta.Episodes, meta.WallSeconds, meta.Counts);
        }
        wiring.Observer.Started(steps, start.Restored is not null);
        wiring.Queue.Tell(new ConsumeUnrolls(Prefetch), Self);
        if (wiring.ConsumeInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer(nameof(ConsumeTick), new ConsumeTick(), wiring.ConsumeInterval);
        }
        Publish();
    }

    protected override void PostStop() => core?.Dispose();

    private void Ready()
    {
        Receive<UnrollDelivery>(d =>
        {
            Accept(d);
            TryTrain();
        });
        Common();
    }

    /// <summary>Waiting for replay samples or for a step's compute time: deliveries queue up meanwhile.</summary>
    private void Busy()
    {
        Receive<UnrollDelivery>(Accept);
        Receive<SampledUnrolls>(OnSampled);
        Receive<StepDue>(m => Train(m.Replayed));
        Common();
    }

    private void Stopped()
    {
        // Never learned; it stays unacked in the queue. Said, so that accounts of every accepted unroll add up.
        Receive<UnrollDelivery>(d => Record(() => wiring.Observer.HeldAtStop([d.Unroll.Producer])));
        Receive<StepDue>(_ => { }); // a step that was due when the stop came: not taken
        Receive<SampledUnrolls>(_ => { });
        Receive<StopLearner>(_ => Sender.Tell(new LearnerStopped(Core.Version, null), Self));
        Receive<ConsumeTick>(_ => { });
    }

    private void Common()
    {
        Receive<ConsumeTick>(_ => wiring.Queue.Tell(new ConsumeUnrolls(Prefetch), Self));
        Receive<StopLearner>(_ => Finish());
    }

    private void Accept(UnrollDelivery delivery)
    {
        var unroll = delivery.Unroll;
        var maxLag = wiring.Settings.Learner.MaxLag;
        switch (book.Offer(delivery.Tag, unroll,
                    u => UnrollValidator.Problem(u, wiring.Spec, wiring.Settings.Rollout.UnrollLength, Core.Net.StateSize),
                    u => maxLag is { } m && Core.Version - u.ParameterVersion > m))
        {
            case OfferDecision.RedeliveryOfHeld { ResendUsed: true } held:
                wiring.Queue.Tell(new DeliveriesUsed([held.Tag]), Self); // our earlier notice was lost
                break;
            case OfferDecision.Dropped dropped:
                if (dropped.Problem is { } problem) log.Warning("dropped unroll {0}: {1}", unroll.Producer, problem);
                wiring.Monitor.OnDropped(dropped.Label);
                Record(() => wiring.Observer.Dropped(unroll.Producer, dropped.Label));
                wiring.Queue.Tell(new AckUnrolls([dropped.Tag]), Self);
                break;
        }
    }

    private void TryTrain()
    {
        if (!book.IsBatchReady || wiring.Monitor.IsComplete) return;
        Become(Busy);
        if (replayPerBatch > 0)
        {
            wiring.Replay!.Tell(new SampleUnrolls(replayPerBatch), Self);
            return;
        }
        Schedule(new StepDue([]));
    }

    private void OnSampled(SampledUnrolls sampled)
    {
        if (sampled.Unrolls.Count == replayPerBatch) Schedule(new StepDue(sampled.Unrolls));
        else if (book.CanFillWithFresh) Schedule(new StepDue([])); // replay still filling: all fresh
        else Become(Ready);
    }

    /// <summary>The step happens once its (virtual) compute time has passed; immediately when it has none.</summary>
    private void Schedule(StepDue due)
    {
        if (wiring.Compute.StepCost > TimeSpan.Zero) Timers.StartSingleTimer(nameof(StepDue), due, wiring.Compute.StepCost);
        else Train(due.Replayed);
    }

    private void Train(IReadOnlyList<Unroll> replayed)
    {
        Become(Ready);
        var fresh = book.TakeBatch(book.FreshCount(replayed.Count));
        var versionAtUse = Core.Version;
        var lags = fresh.Select(f => versionAtUse - f.Unroll.ParameterVersion).ToList();
        var freshUnrolls = fresh.Select(f => f.Unroll).ToList();
        var framesBefore = Core.Frames;
        var metrics = Core.Step([.. freshUnrolls, .. replayed], fresh.Count);
        steps++;
        var usedTags = book.MarkUsed(fresh);
        wiring.Observer.Learned(steps, versionAtUse, freshUnrolls);
        if (wiring.Replay is not null)
        {
            foreach (var unroll in freshUnrolls) wiring.Replay.Tell(new StoreUnroll(unroll), Self);
        }
        var finished = freshUnrolls.SelectMany(u => u.EpisodeReturns.Zip(u.EpisodeLengths, (r, l) => (u.Task, r, l))).ToList();
        episodes += finished.Count;

        var every = wiring.Settings.Learner.CheckpointEvery;
        // A version whose checkpoint failed is not published: a learner that takes over from the last checkpoint would
        // number its own versions the same, with other weights. The run stops (Finish tries the checkpoint once more).
        if ((wiring.Store is null || book.IsCheckpointDue(every)) && MakeDurable() is not null) wiring.Monitor.Stop(StopReason.WriteFailed);
        else Publish();
        // Credit goes out after the version this batch produced, so a paused actor usually has it
        // (or has it on the way) when it acts again: credit first let lag outrun max-inflight.
        wiring.Queue.Tell(new DeliveriesUsed(usedTags), Self);
        wiring.Monitor.OnStep(Core.Frames - framesBefore, metrics, lags, replayed.Count, finished);
        if (!wiring.Monitor.IsComplete) TryTrain();
    }

    private void Publish()
    {
        var snapshot = Core.Snapshot();
        wiring.Observer.Published(snapshot.Version);
        wiring.ParameterServer.Tell(new PublishParameters(snapshot), Self);
    }

    /// <summary>
    /// Writes the checkpoint (with the ledger), then lets the queue delete what it covers. Without a store, use is final at once.
    /// Returns why the checkpoint or the record of what it made durable could not be written, or null.
    /// </summary>
    private string? MakeDurable()
    {
        if (wiring.Store is not null)
        {
            try
            {
                var snapshot = wiring.Monitor.Snapshot();
                Checkpoint.Save(wiring.Store, Core,
                    new Checkpoint.Meta(Core.Version, Core.Frames, steps, episodes, Core.Optimizer.Steps, snapshot.WallSeconds, snapshot.Counts),
                    book.LedgerForCheckpoint());
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CheckpointException)
            {
                // The previous checkpoint stays; nothing is acked, so the queue keeps the unrolls.
                log.Error(e, "checkpoint not written: {0}", e.Message);
                return e.Message;
            }
        }
        if (book.Durable() is { Length: > 0 } durable) wiring.Queue.Tell(new AckUnrolls(durable), Self);
        return Record(() => wiring.Observer.Durable(steps));
    }

    /// <summary>
    /// Tells the observer (a learner node's logs) something; one that cannot write stops the run instead of failing the
    /// actor, whose restart would take back the steps since the checkpoint. Returns why, or null.
    /// </summary>
    private string? Record(Action tell)
    {
        try
        {
            tell();
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            log.Error(e, "learner record not written: {0}", e.Message);
            wiring.Monitor.Stop(StopReason.WriteFailed);
            return e.Message;
        }
    }

    private void Finish()
    {
        var error = MakeDurable();
        Record(() => wiring.Observer.HeldAtStop(book.PendingIds));
        Become(Stopped);
        Sender.Tell(new LearnerStopped(Core.Version, error), Self);
    }
}
