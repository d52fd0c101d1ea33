using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Protocol;
using static ImpalaAkka.Impala.Tests.Protocol.ProtocolUnrolls;

namespace ImpalaAkka.Impala.Tests.Protocol;

public sealed class RolloutFlowTests
{
    private const int K = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan T0 = TimeSpan.FromSeconds(5);

    private static PolicyParameters Version(long v) => new(v, []);

    private static RolloutFlow Flow(int maxInflight = 2, bool sync = false) => new(K, maxInflight, sync, Timeout);

    /// <summary>A flow that got version 0 and handled the tick it scheduled (which acted).</summary>
    private static RolloutFlow Acting(int maxInflight = 2, bool sync = false)
    {
        var flow = Flow(maxInflight, sync);
        flow.ParametersDelivered(Version(0), 0);
        return flow;
    }

    private int nextSequence;

    /// <summary>Handles the tick and, when it acts, finishes the round with K new unrolls.</summary>
    private RoundOutcome? Round(RolloutFlow flow)
    {
        if (!flow.Continue().Act) return null;
        var unrolls = Enumerable.Range(0, K).Select(_ => Make(nextSequence++)).ToArray();
        return flow.RoundFinished(unrolls, T0);
    }

    [Fact]
    public void ParametersDelivered_First_StartsActingAndSchedulesATick()
    {
        var flow = Flow();

        Assert.True(flow.ParametersDelivered(Version(3), 4));
        Assert.Equal((true, 4L, true), (flow.IsActing, flow.LatestSeen, flow.ContinueScheduled));
    }

    [Fact]
    public void ParametersDelivered_LaterWithoutLockStep_SchedulesNothing()
    {
        var flow = Acting();
        Round(flow);

        Assert.False(flow.ParametersDelivered(Version(1), 1));
        Assert.Equal(1, flow.LatestSeen);
    }

    [Fact]
    public void ParametersDelivered_OlderLatest_KeepsTheHighestSeen()
    {
        var flow = Acting();
        flow.ParametersDelivered(Version(5), 5);

        flow.ParametersDelivered(Version(2), 3);

        Assert.Equal(5, flow.LatestSeen);
    }

    [Fact]
    public void Continue_AfterFirstParameters_ActsLoadingThem()
    {
        var flow = Flow();
        var v0 = Version(0);
        flow.ParametersDelivered(v0, 0);

        Assert.Equal(new ContinueDecision(true, v0), flow.Continue());
        Assert.Equal((false, true), (flow.ContinueScheduled, flow.Computing));
    }

    [Fact]
    public void Continue_NothingDeliveredSinceLastRound_ActsWithoutLoading()
    {
        var flow = Acting();
        var outcome = Round(flow);

        Assert.True(outcome!.ScheduleContinue);
        Assert.Equal(new ContinueDecision(true, null), flow.Continue());
    }

    [Fact]
    public void Continue_TwoDeliveriesBeforeATick_LoadsOnlyTheNewest()
    {
        var flow = Flow();
        flow.ParametersDelivered(Version(0), 0);
        var v1 = Version(1);
        flow.ParametersDelivered(v1, 1);

        Assert.Same(v1, flow.Continue().Load);
    }

    [Fact]
    public void Continue_WindowFull_WaitsUntilACreditOpensIt()
    {
        var flow = Acting(maxInflight: 2);
        Round(flow);
        Round(flow); // published 4 of at most 2 rounds x 2

        Assert.Same(ContinueDecision.Wait, flow.Continue());
        Assert.False(flow.ContinueScheduled);
        Assert.True(flow.ConsumedTotal(2));
        Assert.True(flow.Continue().Act);
    }

    [Fact]
    public void Continue_WhileComputing_Waits()
    {
        var flow = Acting();
        Assert.True(flow.Continue().Act);

        Assert.False(flow.ConsumedTotal(1)); // no tick while the round runs
        Assert.Same(ContinueDecision.Wait, flow.Continue());
        Assert.True(flow.Computing);
    }

    [Fact]
    public void ConsumedTotal_OldOrRepeatedCount_IsIgnored()
    {
        var flow = Acting();
        flow.Continue();
        flow.RoundFinished([Make(0), Make(1)], T0);
        flow.Continue(); // the tick the round scheduled
        flow.RoundFinished([Make(2), Make(3)], T0);
        flow.Continue(); // window full: waits
        Assert.True(flow.ConsumedTotal(1));
        flow.Continue();

        Assert.False(flow.ConsumedTotal(1));
        Assert.False(flow.ConsumedTotal(0));
        Assert.Equal(1, flow.Consumed);
    }

    [Fact]
    public void ConsumedTotal_TickAlreadyOutstanding_SchedulesNoSecond()
    {
        var flow = Acting(maxInflight: 1);
        Round(flow);
        flow.Continue(); // window full

        Assert.True(flow.ConsumedTotal(1));
        Assert.False(flow.ConsumedTotal(2));
        Assert.Equal(2, flow.Consumed);
    }

    [Fact]
    public void RoundFinished_NoLockStep_SendsTheUnrollsInOrderAndSchedulesATick()
    {
        var flow = Acting();
        flow.Continue();
        Unroll[] unrolls = [Make(0), Make(1)];

        var outcome = flow.RoundFinished(unrolls, T0);

        Assert.Equal(unrolls, outcome.Send);
        Assert.True(outcome.ScheduleContinue);
        Assert.Equal((2L, 2, false), (flow.Published, flow.UnconfirmedCount, flow.Computing));
    }

    [Fact]
    public void RoundFinished_LockStep_WaitsForADeliveryNewerThanTheLatestSeen()
    {
        var flow = Acting(sync: true);
        flow.Continue();
        flow.ParametersDelivered(Version(1), 1); // during the round: not what the round waits for

        var outcome = flow.RoundFinished([Make(0), Make(1)], T0);

        Assert.False(outcome.ScheduleContinue);
        Assert.Equal((true, 1L), (flow.AwaitingDelivery, flow.WaitingFor));
        Assert.False(flow.ParametersDelivered(Version(1), 1));
        Assert.Same(ContinueDecision.Wait, flow.Continue());
        Assert.True(flow.ParametersDelivered(Version(2), 2));
        Assert.False(flow.AwaitingDelivery);
    }

    [Fact]
    public void ConsumedTotal_DuringLockStepWait_SchedulesNothing()
    {
        var flow = Acting(sync: true);
        Round(flow);

        Assert.False(flow.ConsumedTotal(2));
        Assert.Equal(2, flow.Consumed);
    }

    [Fact]
    public void ConsumedTotal_BeforeFirstParameters_SchedulesNoTickAndTheFirstDeliveryDoes()
    {
        var flow = Flow();

        Assert.False(flow.ConsumedTotal(4));
        Assert.Equal(4, flow.Consumed);
        Assert.True(flow.ParametersDelivered(Version(0), 0));
        Assert.True(flow.Continue().Act);
    }

    [Fact]
    public void Continue_BeforeFirstParameters_WaitsAndClearsTheTick()
    {
        var flow = Flow();

        Assert.Same(ContinueDecision.Wait, flow.Continue());
        Assert.False(flow.ContinueScheduled);
    }

    [Fact]
    public void Confirmed_Unroll_IsNotResent()
    {
        var flow = Acting();
        flow.Continue();
        flow.RoundFinished([Make(0), Make(1)], T0);

        flow.Confirmed(Id(0));

        Assert.Equal(1, flow.UnconfirmedCount);
        Assert.Equal([Id(1)], flow.Resend(T0 + Timeout).Select(u => u.Producer));
    }

    [Fact]
    public void Resend_BeforeTheTimeout_SendsNothing()
    {
        var flow = Acting();
        flow.Continue();
        flow.RoundFinished([Make(0)], T0);

        Assert.Empty(flow.Resend(T0 + Timeout - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Resend_AfterTheTimeout_SendsBySequenceAndRestartsTheirClock()
    {
        var flow = Acting();
        flow.Continue();
        flow.RoundFinished([Make(3), Make(1)], T0);
        flow.Continue();
        var later = T0 + TimeSpan.FromSeconds(10);
        flow.RoundFinished([Make(2)], later);

        Assert.Equal([Id(1), Id(3)], flow.Resend(T0 + Timeout).Select(u => u.Producer));
        Assert.Equal([Id(2)], flow.Resend(later + Timeout).Select(u => u.Producer));
        Assert.Equal([Id(1), Id(3)], flow.Resend(T0 + Timeout + Timeout).Select(u => u.Producer));
        Assert.Equal(3L, flow.Published);
    }

    [Theory]
    [InlineData(0L, null)]
    [InlineData(1L, 1L)]
    [InlineData(300_000_000L, 150_000_000L)]
    public void ResendInterval_ByConfirmTimeout_IsHalfOfItAtLeastATick(long timeoutTicks, long? intervalTicks)
    {
        var flow = new RolloutFlow(K, 2, false, TimeSpan.FromTicks(timeoutTicks));

        Assert.Equal(intervalTicks, flow.ResendInterval?.Ticks);
    }
}
