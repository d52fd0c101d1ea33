using Akka.Actor;
using Akka.TestKit;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Tests.Roles;

public sealed class LearnerActorTests : RoleTestKit
{
    private const int BatchSize = 2;
    private static readonly TimeSpan ConsumeInterval = TimeSpan.FromSeconds(1);

    private readonly TestProbe server;
    private readonly TestProbe queue;
    private readonly TrainingMonitor monitor = new(1_000_000, null);

    public LearnerActorTests()
    {
        server = CreateTestProbe();
        queue = CreateTestProbe();
    }

    private static ImpalaSettings Settings(params string[] more) => TestSettings.Load(
        [$"impala.learner.batch-size={BatchSize}", $"impala.rollout.unroll-length={TestUnrolls.Length}", "impala.model.hidden=[8]", .. more]);

    /// <summary>A started learner (no store unless given, no replay): registered with the queue, version 0 published, its timer running from now.</summary>
    private IActorRef Start(ImpalaSettings settings, ICheckpointStore? store = null)
    {
        var spec = TestUnrolls.Spec;
        var wiring = new LearnerWiring(settings, spec, () => LearnerStart.Fresh(settings, spec), server.Ref, queue.Ref, null, monitor)
        {
            ConsumeInterval = ConsumeInterval,
            Store = store,
        };
        var learner = Sys.ActorOf(Props.Create(() => new LearnerActor(wiring)), "learner");
        Assert.Equal(2 * BatchSize, queue.ExpectMsg<ConsumeUnrolls>().Prefetch);
        Assert.Equal(learner, queue.LastSender);
        Assert.Equal(0, PublishedVersion());
        Settle(learner);
        return learner;
    }

    private IActorRef Start() => Start(Settings());

    private long PublishedVersion() => server.ExpectMsg<PublishParameters>().Parameters.Version;

    private void Deliver(IActorRef learner, long tag, Unroll unroll, bool redelivered = false) =>
        queue.Send(learner, new UnrollDelivery(tag, unroll, redelivered));

    /// <summary>Delivers a batch (tags, unrolls) and expects the step's messages: acks (no store), version, then the use notice.</summary>
    private void Step(IActorRef learner, long expectedVersion, params (long Tag, Unroll Unroll)[] batch)
    {
        foreach (var (tag, unroll) in batch) Deliver(learner, tag, unroll);
        ExpectStep(expectedVersion, batch.Select(b => b.Tag).ToArray());
    }

    private void ExpectStep(long version, long[] tags)
    {
        Assert.Equal(tags, queue.ExpectMsg<AckUnrolls>().Tags);
        Assert.Equal(version, PublishedVersion());
        Assert.Equal(tags, queue.ExpectMsg<DeliveriesUsed>().Tags);
    }

    private void AssertIdle(IActorRef learner)
    {
        Settle(learner);
        AssertNothingFor(queue);
        AssertNothingFor(server);
    }

    private IReadOnlyDictionary<string, long> Dropped => monitor.Snapshot().Dropped;

    [Fact]
    public void Start_RegistersWithTheQueueAndPublishesVersionZero_ThenRegistersAgainEveryInterval()
    {
        var learner = Start();

        Advance(ConsumeInterval, times: 2);

        Assert.Equal([2 * BatchSize, 2 * BatchSize], new[] { queue.ExpectMsg<ConsumeUnrolls>().Prefetch, queue.ExpectMsg<ConsumeUnrolls>().Prefetch });
        AssertIdle(learner);
    }

    [Fact]
    public void BatchOfDeliveries_StepsAndPublishesVersionOne_ReportsTheTagsUsed_AndWithoutAStoreAcksThem()
    {
        var learner = Start();
        Deliver(learner, 7, TestUnrolls.Of(0));
        AssertIdle(learner); // one short of a batch

        Deliver(learner, 8, TestUnrolls.Of(1));

        ExpectStep(1, [7, 8]);
        AssertIdle(learner);
        var snapshot = monitor.Snapshot();
        Assert.Equal((1L, 2L, 2L * TestUnrolls.Length), (snapshot.LearnerSteps, snapshot.UnrollsUsed, snapshot.Frames));
    }

    [Fact]
    public void UsedProducerId_SecondCopyUnderANewTag_IsDroppedAndAcked()
    {
        var learner = Start();
        Step(learner, 1, (7, TestUnrolls.Of(0)), (8, TestUnrolls.Of(1)));

        Deliver(learner, 9, TestUnrolls.Of(0)); // the producer published it again

        Assert.Equal([9L], queue.ExpectMsg<AckUnrolls>().Tags);
        AssertIdle(learner);
        Assert.Equal(new Dictionary<string, long> { ["duplicate"] = 1 }, Dropped);
    }

    [Fact]
    public void PendingProducerId_ItsRedeliveryIsIgnored_ASecondCopyIsDroppedAndAcked()
    {
        var learner = Start();
        Deliver(learner, 7, TestUnrolls.Of(0));

        Deliver(learner, 7, TestUnrolls.Of(0), redelivered: true);
        AssertIdle(learner);
        Deliver(learner, 9, TestUnrolls.Of(0));
        Assert.Equal([9L], queue.ExpectMsg<AckUnrolls>().Tags);

        Deliver(learner, 8, TestUnrolls.Of(1));
        ExpectStep(1, [7, 8]); // the copy it held, under its own tag
        Assert.Equal(new Dictionary<string, long> { ["duplicate"] = 1 }, Dropped);
    }

    [Fact]
    public void MalformedUnroll_IsDroppedAckedAndLoggedAsAWarning()
    {
        var learner = Start();

        EventFilter.Warning(contains: "dropped unroll n/0.1#0: length 4, expected 5")
            .ExpectOne(() => Deliver(learner, 7, TestUnrolls.Of(0) with { Length = 4 }));

        Assert.Equal([7L], queue.ExpectMsg<AckUnrolls>().Tags);
        AssertIdle(learner);
        Assert.Equal(new Dictionary<string, long> { ["malformed"] = 1 }, Dropped);
    }

    [Fact]
    public void StaleUnroll_BeyondMaxLag_IsDroppedAndAcked_FreshOnesAreLearned()
    {
        var learner = Start(Settings("impala.learner.max-lag=0"));
        Step(learner, 1, (7, TestUnrolls.Of(0, version: 0)), (8, TestUnrolls.Of(1, version: 0)));

        Deliver(learner, 9, TestUnrolls.Of(2, version: 0)); // lag 1 at version 1

        Assert.Equal([9L], queue.ExpectMsg<AckUnrolls>().Tags);
        AssertIdle(learner);
        Assert.Equal(new Dictionary<string, long> { ["stale"] = 1 }, Dropped);
        Step(learner, 2, (10, TestUnrolls.Of(3, version: 1)), (11, TestUnrolls.Of(4, version: 1)));
    }

    [Fact]
    public void StopLearner_RepliesLearnerStoppedWithTheVersion_AndLearnsNoMore()
    {
        var learner = Start();
        Step(learner, 1, (7, TestUnrolls.Of(0)), (8, TestUnrolls.Of(1)));

        learner.Tell(StopLearner.Instance, TestActor);

        Assert.Equal(new LearnerStopped(1, null), ExpectMsg<LearnerStopped>());
        Deliver(learner, 9, TestUnrolls.Of(2));
        Deliver(learner, 10, TestUnrolls.Of(3));
        AssertIdle(learner);
        learner.Tell(StopLearner.Instance, TestActor);
        Assert.Equal(new LearnerStopped(1, null), ExpectMsg<LearnerStopped>());
    }

    [Fact]
    public async Task CheckpointThatCannotBeWritten_StopsTheRun_AcksNothing_PublishesNoVersion_AndTheStopSaysWhy()
    {
        var store = new FullDisk();
        var learner = Start(Settings("impala.learner.checkpoint-every=1"), store);
        Deliver(learner, 7, TestUnrolls.Of(0));

        EventFilter.Error(contains: "checkpoint not written: No space left on device").ExpectOne(() => Deliver(learner, 8, TestUnrolls.Of(1)));

        // The use is reported (the outbox's credit), but nothing is acked: the outboxes keep both unrolls. Version 1 is not
        // published: a learner taking over from the last checkpoint would number its own version 1 with other weights.
        Assert.Equal([7L, 8L], queue.ExpectMsg<DeliveriesUsed>().Tags);
        AssertIdle(learner);
        Assert.True(monitor.Completion.IsCompleted, "the run goes on without a checkpoint");
        Assert.Equal(StopReason.WriteFailed, await monitor.Completion);

        // The stop tries the checkpoint once more and says why it failed.
        EventFilter.Error(contains: "checkpoint not written").ExpectOne(() => learner.Tell(StopLearner.Instance, TestActor));
        Assert.Equal(new LearnerStopped(1, "No space left on device"), ExpectMsg<LearnerStopped>());
        Assert.Equal(2, store.Attempts);
        AssertIdle(learner);
    }

    /// <summary>A checkpoint store on a full disk: every write fails as the file system would say it.</summary>
    private sealed class FullDisk : ICheckpointStore
    {
        public string Name => "full disk";

        public int Attempts { get; private set; }

        public byte[]? Read() => null;

        public void Write(byte[] bytes)
        {
            Attempts++;
            throw new IOException("No space left on device");
        }
    }
}
