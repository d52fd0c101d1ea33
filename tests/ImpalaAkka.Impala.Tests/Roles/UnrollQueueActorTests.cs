using Akka.Actor;
using Akka.TestKit;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Roles;

namespace ImpalaAkka.Impala.Tests.Roles;

public sealed class UnrollQueueActorTests : RoleTestKit
{
    private static readonly TimeSpan RedeliveryTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The queue's redelivery tick: half the timeout.</summary>
    private static readonly TimeSpan Tick = RedeliveryTimeout / 2;

    private IActorRef Queue()
    {
        var queue = Sys.ActorOf(Props.Create(() => new UnrollQueueActor(RedeliveryTimeout, null)), "queue");
        Settle(queue); // its redelivery timer runs from now
        return queue;
    }

    private static (long Tag, long Sequence, bool Redelivered) Delivered(TestProbe consumer)
    {
        var d = consumer.ExpectMsg<UnrollDelivery>();
        return (d.Tag, d.Unroll.Producer.Sequence, d.Redelivered);
    }

    private static (long Tag, long Sequence, bool Redelivered)[] Delivered(TestProbe consumer, int count) =>
        Enumerable.Range(0, count).Select(_ => Delivered(consumer)).ToArray();

    private static long Credit(TestProbe publisher) => publisher.ExpectMsg<ConsumedTotal>().Count;

    private static void Publish(IActorRef queue, TestProbe publisher, params long[] sequences)
    {
        foreach (var s in sequences) publisher.Send(queue, TestUnrolls.Of(s, actor: 0));
        Assert.Equal(sequences, sequences.Select(_ => publisher.ExpectMsg<UnrollConfirmed>().Producer.Sequence));
    }

    private QueueStats Stats(IActorRef queue)
    {
        var asker = CreateTestProbe();
        asker.Send(queue, GetQueueStats.Instance);
        return asker.ExpectMsg<QueueStats>();
    }

    private static void AssertStats(QueueStats stats, long accepted, long acked, long stored, long ready, long redeliveries, long[] storedSequences)
    {
        Assert.Equal((accepted, acked, stored, ready, redeliveries), (stats.Accepted, stats.Acked, stats.Stored, stats.Ready, stats.Redeliveries));
        Assert.Equal(storedSequences, stats.StoredIds.Select(id => id.Sequence));
    }

    [Fact]
    public void Publish_WithAConsumer_IsConfirmedToThePublisherAndDeliveredWithIncreasingTags()
    {
        var (queue, publisher, consumer) = (Queue(), CreateTestProbe(), CreateTestProbe());
        consumer.Send(queue, new ConsumeUnrolls(8));

        for (var s = 0; s < 3; s++) publisher.Send(queue, TestUnrolls.Of(s));

        Assert.Equal([TestUnrolls.Of(0).Producer, TestUnrolls.Of(1).Producer, TestUnrolls.Of(2).Producer],
            Enumerable.Range(0, 3).Select(_ => publisher.ExpectMsg<UnrollConfirmed>().Producer));
        Assert.Equal(queue, publisher.LastSender);
        Assert.Equal([(1L, 0L, false), (2, 1, false), (3, 2, false)], Delivered(consumer, 3));
        Assert.Equal(queue, consumer.LastSender);
    }

    [Fact]
    public void Publish_BeforeAnyConsumer_IsStoredReady_AndDeliveredOnceOneRegisters()
    {
        var (queue, publisher, consumer) = (Queue(), CreateTestProbe(), CreateTestProbe());
        Publish(queue, publisher, 0, 1);
        AssertStats(Stats(queue), accepted: 2, acked: 0, stored: 2, ready: 2, redeliveries: 0, [0, 1]);

        consumer.Send(queue, new ConsumeUnrolls(8));

        Assert.Equal([(1L, 0L, false), (2, 1, false)], Delivered(consumer, 2));
        AssertStats(Stats(queue), accepted: 2, acked: 0, stored: 2, ready: 0, redeliveries: 0, [0, 1]);
    }

    [Fact]
    public void Deliveries_BeyondPrefetch_WaitForDeliveriesUsed_WhichCreditsThePublisherCumulatively()
    {
        var (queue, publisher, consumer) = (Queue(), CreateTestProbe(), CreateTestProbe());
        consumer.Send(queue, new ConsumeUnrolls(2));
        Publish(queue, publisher, 0, 1, 2, 3);
        Assert.Equal([(1L, 0L, false), (2, 1, false)], Delivered(consumer, 2));
        Settle(queue);
        AssertNothingFor(consumer);

        consumer.Send(queue, new DeliveriesUsed([1]));
        Assert.Equal((3L, 2L, false), Delivered(consumer));
        Assert.Equal(1, Credit(publisher));

        consumer.Send(queue, new DeliveriesUsed([1])); // a repeated notice frees nothing and credits nothing
        Settle(queue);
        AssertNothingFor(consumer);
        AssertNothingFor(publisher);

        consumer.Send(queue, new DeliveriesUsed([2, 3]));
        Assert.Equal((4L, 3L, false), Delivered(consumer));
        Assert.Equal(3, Credit(publisher));
        Settle(queue);
        AssertNothingFor(publisher);
    }

    [Fact]
    public void DeliveriesUsed_CreditsOnlyThePublishersOfThoseDeliveries()
    {
        var (queue, a, b, consumer) = (Queue(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        consumer.Send(queue, new ConsumeUnrolls(8));
        a.Send(queue, TestUnrolls.Of(0, actor: 0)); // tag 1
        b.Send(queue, TestUnrolls.Of(0, actor: 1)); // tag 2
        a.Send(queue, TestUnrolls.Of(1, actor: 0)); // tag 3
        Delivered(consumer, 3);
        a.ExpectMsg<UnrollConfirmed>();
        a.ExpectMsg<UnrollConfirmed>();
        b.ExpectMsg<UnrollConfirmed>();

        consumer.Send(queue, new DeliveriesUsed([1, 3]));
        Assert.Equal(2, Credit(a));
        Settle(queue);
        AssertNothingFor(b);

        consumer.Send(queue, new DeliveriesUsed([2]));
        Assert.Equal(1, Credit(b));
        Settle(queue);
        AssertNothingFor(a);
    }

    [Fact]
    public void AckUnrolls_DeletesThem_CreditingOnlyWhatWasNotUsedAlready()
    {
        var (queue, publisher, consumer) = (Queue(), CreateTestProbe(), CreateTestProbe());
        consumer.Send(queue, new ConsumeUnrolls(8));
        Publish(queue, publisher, 0, 1, 2);
        Delivered(consumer, 3);
        consumer.Send(queue, new DeliveriesUsed([1]));
        Assert.Equal(1, Credit(publisher));

        consumer.Send(queue, new AckUnrolls([1, 2]));

        Assert.Equal(2, Credit(publisher));
        AssertStats(Stats(queue), accepted: 3, acked: 2, stored: 1, ready: 0, redeliveries: 0, [2]);
        consumer.Send(queue, new AckUnrolls([1])); // already deleted
        AssertStats(Stats(queue), accepted: 3, acked: 2, stored: 1, ready: 0, redeliveries: 0, [2]);
        AssertNothingFor(publisher);
    }

    [Fact]
    public void Delivery_NeitherUsedNorAckedWithinTheTimeout_IsDeliveredAgainFlagged()
    {
        var (queue, publisher, consumer) = (Queue(), CreateTestProbe(), CreateTestProbe());
        consumer.Send(queue, new ConsumeUnrolls(2));
        Publish(queue, publisher, 0);
        Assert.Equal((1L, 0L, false), Delivered(consumer));

        Advance(Tick); // half the timeout since the delivery
        Settle(queue);
        AssertNothingFor(consumer);
        Advance(Tick);

        Assert.Equal((1L, 0L, true), Delivered(consumer));
        AssertStats(Stats(queue), accepted: 1, acked: 0, stored: 1, ready: 0, redeliveries: 1, [0]);
        Advance(Tick);
        Settle(queue);
        AssertNothingFor(consumer); // the timeout runs again from the redelivery
    }

    [Fact]
    public void Consume_ByANewConsumer_TakesOverEveryUnackedEntryInTagOrder()
    {
        var (queue, publisher, first, second) = (Queue(), CreateTestProbe(), CreateTestProbe(), CreateTestProbe());
        first.Send(queue, new ConsumeUnrolls(2));
        Publish(queue, publisher, 0, 1, 2, 3, 4);
        Delivered(first, 2);
        first.Send(queue, new DeliveriesUsed([1])); // used, not acked: still the queue's
        Assert.Equal((3L, 2L, false), Delivered(first));
        first.Send(queue, new AckUnrolls([2]));
        Assert.Equal((4L, 3L, false), Delivered(first));

        second.Send(queue, new ConsumeUnrolls(8));

        Assert.Equal([(1L, 0L, true), (3, 2, true), (4, 3, true), (5, 4, false)], Delivered(second, 4));
        Settle(queue);
        AssertNothingFor(first);
        AssertNothingFor(second);
        AssertStats(Stats(queue), accepted: 5, acked: 1, stored: 4, ready: 0, redeliveries: 0, [0, 2, 3, 4]);
    }
}
