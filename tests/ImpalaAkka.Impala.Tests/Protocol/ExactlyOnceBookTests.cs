using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Protocol;
using static ImpalaAkka.Impala.Tests.Protocol.ProtocolUnrolls;

namespace ImpalaAkka.Impala.Tests.Protocol;

public sealed class ExactlyOnceBookTests
{
    private static readonly Func<Unroll, string?> Valid = _ => null;
    private static readonly Func<Unroll, bool> Fresh = _ => false;
    private static readonly Func<Unroll, string?> NotAsked = u => throw new InvalidOperationException($"validation asked for {u.Producer}");
    private static readonly Func<Unroll, bool> StaleNotAsked = u => throw new InvalidOperationException($"staleness asked for {u.Producer}");

    private static OfferDecision Offer(ExactlyOnceBook book, long tag, Unroll unroll) => book.Offer(tag, unroll, Valid, Fresh);

    /// <summary>Takes and marks used the next <paramref name="count"/> pending unrolls, as one step.</summary>
    private static long[] Step(ExactlyOnceBook book, int count) => book.MarkUsed(book.TakeBatch(count));

    [Fact]
    public void Offer_UnknownValidUnroll_AcceptsAndHoldsIt()
    {
        var book = new ExactlyOnceBook(freshPerBatch: 2);

        Assert.Same(OfferDecision.Accepted.Instance, Offer(book, 1, Make(0)));
        Assert.Equal(1, book.PendingCount);
        Assert.False(book.IsSettled(Id(0)));
    }

    [Fact]
    public void Offer_IdInRestoredLedger_DropsAsDuplicateWithoutValidating()
    {
        var book = new ExactlyOnceBook(1);
        var ledger = new UnrollLedger();
        ledger.Add(Id(0));
        book.Restore(ledger);

        var decision = book.Offer(7, Make(0), NotAsked, StaleNotAsked);

        Assert.Equal(new OfferDecision.Dropped(7, DropReason.Duplicate), decision);
        Assert.Equal("duplicate", ((OfferDecision.Dropped)decision).Label);
        Assert.Equal(0, book.PendingCount);
    }

    [Fact]
    public void Offer_SameTagWhilePending_IsARedeliveryWithoutResend()
    {
        var book = new ExactlyOnceBook(2);
        Offer(book, 1, Make(0));

        Assert.Equal(new OfferDecision.RedeliveryOfHeld(1, ResendUsed: false), book.Offer(1, Make(0), NotAsked, StaleNotAsked));
        Assert.Equal(1, book.PendingCount);
    }

    [Fact]
    public void Offer_SameTagAfterUse_IsARedeliveryThatResendsTheUsedNotice()
    {
        var book = new ExactlyOnceBook(1);
        Offer(book, 1, Make(0));
        Step(book, 1);

        Assert.Equal(new OfferDecision.RedeliveryOfHeld(1, ResendUsed: true), book.Offer(1, Make(0), NotAsked, StaleNotAsked));
        Assert.Equal(0, book.PendingCount);
        Assert.Equal(1, book.UsedSinceCheckpointCount);
    }

    [Fact]
    public void Offer_SameTagTakenButNotYetMarkedUsed_IsARedeliveryWithoutResend()
    {
        var book = new ExactlyOnceBook(1);
        Offer(book, 1, Make(0));
        book.TakeBatch(1);

        Assert.Equal(new OfferDecision.RedeliveryOfHeld(1, ResendUsed: false), Offer(book, 1, Make(0)));
    }

    [Fact]
    public void Offer_OtherTagWhilePending_DropsTheSecondCopyAsDuplicate()
    {
        var book = new ExactlyOnceBook(2);
        Offer(book, 1, Make(0));

        Assert.Equal(new OfferDecision.Dropped(2, DropReason.Duplicate), book.Offer(2, Make(0), NotAsked, StaleNotAsked));
        Assert.Equal(1, book.PendingCount);
        Assert.False(book.IsSettled(Id(0)));
    }

    [Fact]
    public void Offer_OtherTagAfterUse_DropsTheSecondCopyAsDuplicate()
    {
        var book = new ExactlyOnceBook(1);
        Offer(book, 1, Make(0));
        Step(book, 1);

        Assert.Equal(new OfferDecision.Dropped(2, DropReason.Duplicate), book.Offer(2, Make(0), NotAsked, StaleNotAsked));
        Assert.Equal(1, book.UsedSinceCheckpointCount);
    }

    /// <summary>A second copy does not settle the id: a checkpoint before the original's step does not claim it, so after a crash the original is learned.</summary>
    [Fact]
    public void Offer_CopyWhileOriginalPending_NextCheckpointLedgerLeavesTheOriginalUnsettled()
    {
        var book = new ExactlyOnceBook(freshPerBatch: 2);
        Offer(book, 1, Make(0));
        Offer(book, 2, Make(0)); // the producer published it again

        var saved = book.LedgerForCheckpoint();
        book.Durable();

        Assert.False(saved.Contains(Id(0)));
        var restored = new ExactlyOnceBook(freshPerBatch: 2);
        restored.Restore(saved);
        Assert.Same(OfferDecision.Accepted.Instance, Offer(restored, 1, Make(0)));
    }

    /// <summary>After a second copy was dropped, a redelivery of the original is still recognised as held: it is not acked before its learning is durable.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Offer_RedeliveryOfTheOriginalAfterACopyWasDropped_IsARedeliveryOfHeld(bool used)
    {
        var book = new ExactlyOnceBook(freshPerBatch: 1);
        Offer(book, 1, Make(0));
        if (used) Step(book, 1);
        Offer(book, 2, Make(0)); // the producer published it again

        Assert.Equal(new OfferDecision.RedeliveryOfHeld(1, ResendUsed: used), Offer(book, 1, Make(0)));
        Assert.Equal((used ? 0 : 1, used ? 1 : 0), (book.PendingCount, book.UsedSinceCheckpointCount));
    }

    [Fact]
    public void Offer_Malformed_DropsWithTheProblemAndSettlesIt()
    {
        var book = new ExactlyOnceBook(1);

        var decision = book.Offer(3, Make(0), _ => "length 5, expected 4", StaleNotAsked);

        Assert.Equal(new OfferDecision.Dropped(3, DropReason.Malformed, "length 5, expected 4"), decision);
        Assert.Equal("malformed", ((OfferDecision.Dropped)decision).Label);
        Assert.True(book.IsSettled(Id(0)));
        Assert.Equal(0, book.PendingCount);
    }

    [Fact]
    public void Offer_Stale_DropsAsStaleAndSettlesIt()
    {
        var book = new ExactlyOnceBook(1);

        var decision = book.Offer(4, Make(0), Valid, _ => true);

        Assert.Equal(new OfferDecision.Dropped(4, DropReason.Stale), decision);
        Assert.Equal("stale", ((OfferDecision.Dropped)decision).Label);
        Assert.True(book.IsSettled(Id(0)));
    }

    [Fact]
    public void Offer_MalformedAndStale_DropsAsMalformed()
    {
        var book = new ExactlyOnceBook(1);

        Assert.Equal(DropReason.Malformed, ((OfferDecision.Dropped)book.Offer(1, Make(0), _ => "bad", _ => true)).Reason);
    }

    [Fact]
    public void Offer_CopyOfADroppedUnroll_DropsAsDuplicate()
    {
        var book = new ExactlyOnceBook(1);
        book.Offer(1, Make(0), Valid, _ => true);

        Assert.Equal(new OfferDecision.Dropped(2, DropReason.Duplicate), book.Offer(2, Make(0), NotAsked, StaleNotAsked));
    }

    [Theory]
    [InlineData(2, 0, 1, false, false)]
    [InlineData(2, 0, 2, true, true)]
    [InlineData(2, 1, 2, true, false)]
    [InlineData(2, 1, 3, true, true)]
    [InlineData(0, 2, 0, true, false)]
    public void IsBatchReady_ByPendingCount_ComparesWithTheFreshAndWholeBatch(int fresh, int replay, int pendingCount, bool ready, bool canFill)
    {
        var book = new ExactlyOnceBook(fresh, replay);
        for (var i = 0; i < pendingCount; i++) Offer(book, i + 1, Make(i));

        Assert.Equal((ready, canFill), (book.IsBatchReady, book.CanFillWithFresh));
    }

    [Theory]
    [InlineData(3, 0, 5, 0, 3)] // no replay: always the fresh share
    [InlineData(3, 1, 4, 1, 3)] // replay brought its share
    [InlineData(3, 1, 4, 0, 4)] // replay brought none, enough pending: all fresh
    [InlineData(3, 1, 3, 0, 3)] // replay brought none, not enough for the whole batch
    public void FreshCount_ByReplayedCount_TakesTheFreshShareOrTheWholeBatch(int fresh, int replay, int pendingCount, int replayed, int expected)
    {
        var book = new ExactlyOnceBook(fresh, replay);
        for (var i = 0; i < pendingCount; i++) Offer(book, i + 1, Make(i));

        Assert.Equal(expected, book.FreshCount(replayed));
    }

    [Fact]
    public void TakeBatch_SomePending_TakesTheOldestInAcceptanceOrder()
    {
        var book = new ExactlyOnceBook(2);
        Offer(book, 5, Make(0));
        Offer(book, 3, Make(1));
        Offer(book, 9, Make(2));

        var batch = book.TakeBatch(2);

        Assert.Equal([new HeldUnroll(5, batch[0].Unroll), new HeldUnroll(3, batch[1].Unroll)], batch);
        Assert.Equal([Id(0), Id(1)], batch.Select(h => h.Unroll.Producer));
        Assert.Equal(1, book.PendingCount);
    }

    [Fact]
    public void TakeBatch_MoreThanPending_Throws()
    {
        var book = new ExactlyOnceBook(2);
        Offer(book, 1, Make(0));

        Assert.Throws<ArgumentOutOfRangeException>(() => book.TakeBatch(2));
        Assert.Equal(1, book.PendingCount);
    }

    [Fact]
    public void MarkUsed_ABatch_ReturnsItsTagsInBatchOrderAndCountsAStep()
    {
        var book = new ExactlyOnceBook(2);
        Offer(book, 8, Make(0));
        Offer(book, 6, Make(1));

        Assert.Equal([8L, 6], Step(book, 2));
        Assert.Equal((1, 2), (book.StepsSinceCheckpoint, book.UsedSinceCheckpointCount));
    }

    [Theory]
    [InlineData(0, 5, false)]
    [InlineData(2, 1, false)]
    [InlineData(2, 2, true)]
    [InlineData(2, 3, true)]
    public void IsCheckpointDue_AfterSteps_DueOnceEveryStepsPassed(int every, int steps, bool due)
    {
        var book = new ExactlyOnceBook(0);
        for (var i = 0; i < steps; i++) Step(book, 0);

        Assert.Equal(due, book.IsCheckpointDue(every));
    }

    [Fact]
    public void LedgerForCheckpoint_SettledUsedAndPending_HoldsSettledAndUsedOnly()
    {
        var book = new ExactlyOnceBook(1);
        book.Offer(1, Make(0), _ => "bad", Fresh); // settled by a drop
        Offer(book, 2, Make(1));
        Step(book, 1); // used
        Offer(book, 3, Make(2)); // pending

        var saved = book.LedgerForCheckpoint();

        Assert.Equal([true, true, false], new[] { Id(0), Id(1), Id(2) }.Select(saved.Contains));
    }

    [Fact]
    public void LedgerForCheckpoint_LaterDrops_DoNotChangeTheCopy()
    {
        var book = new ExactlyOnceBook(1);
        var saved = book.LedgerForCheckpoint();

        book.Offer(1, Make(0), Valid, _ => true);

        Assert.False(saved.Contains(Id(0)));
        Assert.True(book.IsSettled(Id(0)));
    }

    [Fact]
    public void Durable_AfterTwoSteps_AcksInOrderOfUseAndSettlesThem()
    {
        var book = new ExactlyOnceBook(1);
        Offer(book, 4, Make(0));
        Offer(book, 2, Make(1));
        Step(book, 1);
        Step(book, 1);

        Assert.Equal([4L, 2], book.Durable());
        Assert.Equal((0, 0), (book.StepsSinceCheckpoint, book.UsedSinceCheckpointCount));
        Assert.True(book.IsSettled(Id(0)) && book.IsSettled(Id(1)));
        Assert.Equal(new OfferDecision.Dropped(4, DropReason.Duplicate), Offer(book, 4, Make(0)));
    }

    [Fact]
    public void Durable_NothingUsed_ReturnsNoTagsAndRestartsTheStepCount()
    {
        var book = new ExactlyOnceBook(0);
        Step(book, 0);

        Assert.Empty(book.Durable());
        Assert.Equal(0, book.StepsSinceCheckpoint);
    }

    [Fact]
    public void Durable_LeavesPendingUnrollsHeld()
    {
        var book = new ExactlyOnceBook(2);
        Offer(book, 1, Make(0));

        Assert.Empty(book.Durable());
        Assert.Equal(1, book.PendingCount);
        Assert.False(book.IsSettled(Id(0)));
    }

    [Fact]
    public void Restore_AfterAnOffer_Throws()
    {
        var book = new ExactlyOnceBook(2);
        Offer(book, 1, Make(0));

        Assert.Throws<InvalidOperationException>(() => book.Restore(new UnrollLedger()));
    }

    [Fact]
    public void Restore_FreshBook_TakesTheLedgerOver()
    {
        var book = new ExactlyOnceBook(1);
        var ledger = new UnrollLedger();
        book.Restore(ledger);

        book.Offer(1, Make(0), Valid, _ => true);

        Assert.True(ledger.Contains(Id(0)));
    }
}
