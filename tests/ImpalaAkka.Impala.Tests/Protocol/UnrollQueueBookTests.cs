using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Protocol;
using static ImpalaAkka.Impala.Tests.Protocol.ProtocolUnrolls;
using Effect = ImpalaAkka.Impala.Protocol.QueueEffect<string>;

namespace ImpalaAkka.Impala.Tests.Protocol;

public sealed class UnrollQueueBookTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(100);

    private static UnrollQueueBook<string> Book() => new(Timeout);

    /// <summary>Publishes sequence numbers 0..count-1 from "p" (tags 1..count).</summary>
    private static Unroll[] PublishMany(UnrollQueueBook<string> book, int count, string publisher = "p")
    {
        var unrolls = Enumerable.Range(0, count).Select(i => Make(i)).ToArray();
        foreach (var u in unrolls) book.Publish(publisher, u, T0);
        return unrolls;
    }

    private static long[] DeliveredTags(IEnumerable<Effect> effects) => effects.OfType<Effect.Deliver>().Select(d => d.Tag).ToArray();

    /// <summary>Accepted, acked, stored, ready, redeliveries.</summary>
    private static (long, long, long, long, long) Counters(UnrollQueueBook<string> book)
    {
        var s = book.Stats();
        return (s.Accepted, s.Acked, s.Stored, s.Ready, s.Redeliveries);
    }

    [Fact]
    public void Publish_WithoutConsumer_OnlyConfirms()
    {
        var book = Book();
        var u = Make(0);

        Assert.Equal([new Effect.Confirm("p", Id(0))], book.Publish("p", u, T0));
        Assert.Equal((1L, 0L, 1L, 1L, 0L), Counters(book));
    }

    [Fact]
    public void Publish_WithConsumer_ConfirmsThenDelivers()
    {
        var book = Book();
        book.Consume("L", 4, T0);
        var u = Make(0);

        Assert.Equal([new Effect.Confirm("p", Id(0)), new Effect.Deliver("L", 1, u, false)], book.Publish("p", u, T0));
        Assert.Equal(0, book.Stats().Ready);
    }

    [Fact]
    public void Consume_MoreReadyThanPrefetch_DeliversUpToPrefetchInTagOrder()
    {
        var book = Book();
        var u = PublishMany(book, 3);

        Assert.Equal([new Effect.Deliver("L", 1, u[0], false), new Effect.Deliver("L", 2, u[1], false)], book.Consume("L", 2, T0));
        Assert.Equal(1, book.Stats().Ready);
    }

    [Fact]
    public void Consume_SameConsumerAgain_UpdatesPrefetchWithoutTakingOver()
    {
        var book = Book();
        PublishMany(book, 3);
        book.Consume("L", 1, T0);

        Assert.Equal([2L, 3], DeliveredTags(book.Consume("L", 3, T0)));
    }

    [Fact]
    public void Consume_NewConsumer_TakesOverEveryUnackedEntryInTagOrderAsRedelivered()
    {
        var book = Book();
        var u = PublishMany(book, 4);
        book.Consume("L", 10, T0);
        book.Used([2], T0);
        book.Ack([3], T0);

        Assert.Equal(
            [new Effect.Deliver("M", 1, u[0], true), new Effect.Deliver("M", 2, u[1], true), new Effect.Deliver("M", 4, u[3], true)],
            book.Consume("M", 10, T0));
    }

    /// <summary>Today's semantics: a taken-over entry is no longer used, so using it again credits its publisher a second time.</summary>
    [Fact]
    public void Consume_NewConsumer_TakenOverUsedEntryIsInFlightAndCreditedAgain()
    {
        var book = Book();
        var u = PublishMany(book, 2);
        book.Consume("L", 2, T0);
        book.Used([1], T0);

        Assert.Equal([1L], DeliveredTags(book.Consume("M", 1, T0))); // 1 takes the one slot
        Assert.Equal([new Effect.Credit("p", 2), new Effect.Deliver("M", 2, u[1], true)], book.Used([1], T0));
    }

    [Fact]
    public void Used_InFlightEntry_CreditsThePublisherThenFillsTheSlot()
    {
        var book = Book();
        var u = PublishMany(book, 2);
        book.Consume("L", 1, T0);

        Assert.Equal([new Effect.Credit("p", 1), new Effect.Deliver("L", 2, u[1], false)], book.Used([1], T0));
    }

    [Fact]
    public void Used_TwiceOrUnknownTag_IsIgnored()
    {
        var book = Book();
        PublishMany(book, 1);
        book.Consume("L", 1, T0);
        book.Used([1], T0);

        Assert.Empty(book.Used([1, 99], T0));
    }

    [Fact]
    public void Used_SeveralOfOnePublisher_CreditsOnceWithTheCumulativeCount()
    {
        var book = Book();
        PublishMany(book, 3);
        book.Consume("L", 3, T0);
        book.Used([1], T0);

        Assert.Equal([new Effect.Credit("p", 3)], book.Used([2, 3], T0));
    }

    [Fact]
    public void Used_SeveralPublishers_CreditsInPublicationOrder()
    {
        var book = Book();
        book.Publish("b", Make(0, actor: 1), T0); // tag 1
        book.Publish("a", Make(0, actor: 2), T0); // tag 2
        book.Consume("L", 2, T0);

        Assert.Equal([new Effect.Credit("b", 1), new Effect.Credit("a", 1)], book.Used([2, 1], T0));
    }

    [Fact]
    public void Used_ReadyEntry_LeavesTheReadyList()
    {
        var book = Book();
        book.Consume("L", 0, T0); // registered, nothing may be in flight
        PublishMany(book, 2);

        book.Used([1], T0);

        Assert.Equal(1, book.Stats().Ready);
        Assert.Equal([2L], DeliveredTags(book.Consume("L", 5, T0)));
    }

    [Fact]
    public void Ack_UnusedInFlightEntry_DeletesCreditsAndFillsTheSlot()
    {
        var book = Book();
        var u = PublishMany(book, 2);
        book.Consume("L", 1, T0);

        Assert.Equal([new Effect.Credit("p", 1), new Effect.Deliver("L", 2, u[1], false)], book.Ack([1], T0));
        Assert.False(book.Holds(1));
        Assert.Equal((2L, 1L, 1L, 0L, 0L), Counters(book));
    }

    [Fact]
    public void Ack_UsedEntry_DeletesWithoutCreditingAgain()
    {
        var book = Book();
        PublishMany(book, 1);
        book.Consume("L", 1, T0);
        book.Used([1], T0);

        Assert.Empty(book.Ack([1], T0));
        Assert.False(book.Holds(1));
    }

    [Fact]
    public void Ack_ReadyEntry_IsNeverDelivered()
    {
        var book = Book();
        PublishMany(book, 2);

        Assert.Equal([new Effect.Credit("p", 1)], book.Ack([1], T0));
        Assert.Equal([2L], DeliveredTags(book.Consume("L", 5, T0)));
    }

    [Fact]
    public void Ack_UnknownOrRepeatedTag_IsIgnored()
    {
        var book = Book();
        PublishMany(book, 1);
        book.Ack([1], T0);

        Assert.Empty(book.Ack([1, 42], T0));
        Assert.Equal(1, book.Stats().Acked);
    }

    [Fact]
    public void Redeliver_InFlightEntry_WaitsForTheTimeoutThenRedeliversFlagged()
    {
        var book = Book();
        var u = PublishMany(book, 1);
        book.Consume("L", 1, T0);

        Assert.Empty(book.Redeliver(T0 + Timeout - TimeSpan.FromTicks(1)));
        Assert.Equal([new Effect.Deliver("L", 1, u[0], true)], book.Redeliver(T0 + Timeout));
        Assert.Equal(1, book.Stats().Redeliveries);
    }

    [Fact]
    public void Redeliver_RedeliveredEntry_WaitsAFullTimeoutFromTheRedelivery()
    {
        var book = Book();
        PublishMany(book, 1);
        book.Consume("L", 1, T0);
        book.Redeliver(T0 + Timeout);

        Assert.Empty(book.Redeliver(T0 + Timeout + Timeout - TimeSpan.FromTicks(1)));
        Assert.Equal([1L], DeliveredTags(book.Redeliver(T0 + Timeout + Timeout)));
    }

    [Fact]
    public void Redeliver_UsedAndInFlightOverdue_PutsTheHighestTagFirstAndUsedTakesNoSlot()
    {
        var book = Book();
        var u = PublishMany(book, 1);
        book.Consume("L", 1, T0);
        book.Used([1], T0);
        var u2 = Make(1);
        book.Publish("p", u2, T0); // tag 2, in flight

        var later = T0 + Timeout;
        Assert.Equal([new Effect.Deliver("L", 2, u2, true)], book.Redeliver(later)); // ready was [2, 1]; 2 fills the one slot
        Assert.Equal([new Effect.Credit("p", 2), new Effect.Deliver("L", 1, u[0], true)], book.Used([2], later));
        Assert.Equal(2, book.Stats().Redeliveries);
    }

    [Fact]
    public void Redeliver_UsedEntries_AreAllDeliveredThroughOneSlot()
    {
        var book = Book();
        PublishMany(book, 2);
        book.Consume("L", 1, T0);
        book.Used([1], T0); // delivers 2
        book.Used([2], T0);

        Assert.Equal([2L, 1L], DeliveredTags(book.Redeliver(T0 + Timeout)));
        Assert.Equal(0, book.Stats().Ready);
    }

    [Fact]
    public void Redeliver_NeverDeliveredEntry_StaysReadyAndIsNotCounted()
    {
        var book = Book();
        PublishMany(book, 1);

        Assert.Empty(book.Redeliver(T0 + Timeout));
        Assert.Equal((1L, 0L), (book.Stats().Ready, book.Stats().Redeliveries));
    }

    [Fact]
    public void Redeliver_EntryStillReady_IsNotQueuedTwice()
    {
        var book = Book();
        PublishMany(book, 2);
        book.Consume("L", 1, T0); // delivers 1
        book.Consume("L", 0, T0); // nothing more may be delivered

        Assert.Empty(book.Redeliver(T0 + Timeout)); // 1 goes back to ready, ahead of 2
        Assert.Empty(book.Redeliver(T0 + Timeout * 3)); // 1 is still ready: not again
        Assert.Equal([1L, 2L], DeliveredTags(book.Consume("L", 5, T0 + Timeout * 3)));
        Assert.Equal(1, book.Stats().Redeliveries);
    }

    [Fact]
    public void ConsumerGone_CurrentConsumer_StopsDeliveriesUntilAConsumerRegisters()
    {
        var book = Book();
        PublishMany(book, 1);
        book.Consume("L", 2, T0);

        book.ConsumerGone("L");

        Assert.Equal([new Effect.Confirm("p", Id(1))], book.Publish("p", Make(1), T0));
        Assert.Equal([1L, 2], DeliveredTags(book.Consume("L", 2, T0))); // the same peer registering again takes over too
    }

    [Fact]
    public void ConsumerGone_AnotherPeer_ChangesNothing()
    {
        var book = Book();
        book.Consume("L", 2, T0);

        book.ConsumerGone("M");

        Assert.Equal(2, book.Publish("p", Make(0), T0).Count);
    }

    [Fact]
    public void Consume_PeersEqualByTheComparer_AreOneConsumer()
    {
        var book = new UnrollQueueBook<string>(Timeout, StringComparer.OrdinalIgnoreCase);
        PublishMany(book, 2);
        book.Consume("L", 1, T0);

        Assert.Equal([2L], DeliveredTags(book.Consume("l", 2, T0)));
    }

    [Fact]
    public void Stats_AfterTraffic_CountsAndListsStoredIdsInTagOrder()
    {
        var book = Book();
        PublishMany(book, 4);
        book.Consume("L", 2, T0);
        book.Ack([2], T0);
        book.Redeliver(T0 + Timeout);

        var stats = book.Stats();

        Assert.Equal((4L, 1L, 3L, 1L, 2L), (stats.Accepted, stats.Acked, stats.Stored, stats.Ready, stats.Redeliveries));
        Assert.Equal([Id(0), Id(2), Id(3)], stats.StoredIds);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(-5L, null)]
    [InlineData(1L, 1L)]
    [InlineData(3L, 1L)]
    [InlineData(100_000_000L, 50_000_000L)]
    public void RedeliveryInterval_ByTimeout_IsHalfOfItAtLeastATick(long timeoutTicks, long? intervalTicks)
    {
        var book = new UnrollQueueBook<string>(TimeSpan.FromTicks(timeoutTicks));

        Assert.Equal(intervalTicks, book.RedeliveryInterval?.Ticks);
    }
}
