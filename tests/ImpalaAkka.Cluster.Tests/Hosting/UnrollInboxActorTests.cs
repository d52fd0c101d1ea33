using Akka.Actor;
using ImpalaAkka.Cluster.Hosting;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster.Tests.Hosting;

public sealed class UnrollInboxActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static Unroll Sample(long sequence) => new(
        new ProducerId("rollout-0", 0, 1, sequence), 3, 2, [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f], [1, 0], [1f, -1f], [false, true], [0.5f, -0.5f, 1f, 2f], [], [], "catch");

    [Fact]
    public void DeliveryThatCannotBeRecorded_IsNotHandedToTheLearner_AndStopsTheRun()
    {
        var full = false;
        var failures = 0;
        var accepted = new List<ProducerId>();
        Action<Unroll> record = unroll =>
        {
            if (full) throw new IOException("No space left on device");
            accepted.Add(unroll.Producer);
        };
        Action failed = () => Interlocked.Increment(ref failures);
        var inbox = Sys.ActorOf(Props.Create(() => new UnrollInboxActor(record, failed)));
        var learner = CreateTestProbe();
        var outbox = CreateTestProbe();
        learner.Send(inbox, new ConsumeUnrolls(4));
        outbox.Send(inbox, new UnrollDelivery(1, Sample(1), false));
        Assert.Equal(4, outbox.ExpectMsg<ConsumeUnrolls>().Prefetch);
        Assert.Equal(Sample(1).Producer, learner.ExpectMsg<UnrollDelivery>().Unroll.Producer);

        full = true;
        EventFilter.Error(contains: "delivery of rollout-0/0.1#2 not recorded, so not accepted: No space left on device")
            .ExpectOne(() => outbox.Send(inbox, new UnrollDelivery(2, Sample(2), false)));

        // Not accepted: the learner never sees it and its outbox keeps it (it is never acked).
        learner.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.Equal(1, Volatile.Read(ref failures));
        Assert.Equal([Sample(1).Producer], accepted);
    }
}
