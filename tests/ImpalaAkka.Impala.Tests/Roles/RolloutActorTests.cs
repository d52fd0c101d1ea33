using Akka.Actor;
using Akka.TestKit;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Tests.Roles;

public sealed class RolloutActorTests : RoleTestKit
{
    private const int K = 2;
    private const int T = 3;
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan SubscribeInterval = TimeSpan.FromSeconds(1);

    private readonly TestProbe server;
    private readonly TestProbe queue;

    public RolloutActorTests()
    {
        server = CreateTestProbe();
        queue = CreateTestProbe();
    }

    private static RolloutSettings Rollout(int maxInflight = 2, bool sync = false) => new(1, K, T, maxInflight, sync, ActingPolicyKind.Managed);

    /// <summary>Parameters of a CartPole MLP without hidden layers (policy W, b, baseline W, b), all zero: uniform actions.</summary>
    private static PolicyParameters Parameters(long version) => new(version, [new float[2 * 4], new float[2], new float[4], new float[1]]);

    private RolloutWiring Wiring(RolloutSettings rollout, int incarnation = 1, Func<IEnvironment>? environment = null) =>
        new("n", 0, incarnation, 1, rollout, server.Ref, queue.Ref, _ => environment?.Invoke() ?? new CartPole(), () => new ManagedMlpPolicy(4, [], 2))
        {
            ConfirmTimeout = ConfirmTimeout,
            SubscribeInterval = SubscribeInterval,
        };

    /// <summary>A started rollout actor: it has subscribed and its timers run from now.</summary>
    private IActorRef Start(Func<RolloutWiring> wire)
    {
        var actor = Sys.ActorOf(Props.Create(() => new RolloutActor(wire)), "rollout");
        server.ExpectMsg<SubscribeParameters>();
        Assert.Equal(actor, server.LastSender);
        Settle(actor);
        return actor;
    }

    private IActorRef Start(RolloutSettings rollout) => Start(() => Wiring(rollout));

    private void Deliver(IActorRef actor, long version, long latest) => server.Send(actor, new ParameterDelivery(Parameters(version), latest));

    private Unroll[] Published(int count) => Enumerable.Range(0, count).Select(_ => queue.ExpectMsg<Unroll>()).ToArray();

    private static long[] Sequences(Unroll[] unrolls) => unrolls.Select(u => u.Producer.Sequence).ToArray();

    /// <summary>Waits for the actor to finish what it was sent, then asserts the queue got nothing more.</summary>
    private void AssertPaused(IActorRef actor)
    {
        Settle(actor);
        AssertNothingFor(queue);
    }

    [Fact]
    public void Start_WithoutADelivery_SubscribesButDoesNotAct()
    {
        var actor = Start(Rollout());

        AssertPaused(actor);
    }

    [Fact]
    public void FirstDelivery_PublishesRoundsOfKUnrollsWithItsVersionAndIncreasingSequences_UntilMaxInflight()
    {
        var actor = Start(Rollout(maxInflight: 2));

        Deliver(actor, version: 5, latest: 5);

        var unrolls = Published(2 * K);
        Assert.Equal([new ProducerId("n", 0, 1, 0), new ProducerId("n", 0, 1, 1), new ProducerId("n", 0, 1, 2), new ProducerId("n", 0, 1, 3)],
            unrolls.Select(u => u.Producer));
        Assert.All(unrolls, u => Assert.Equal((5L, T), (u.ParameterVersion, u.Length)));
        Assert.Equal(actor, queue.LastSender);
        AssertPaused(actor);
    }

    [Fact]
    public void MaxInflight_Reached_ResumesOnlyAsFarAsTheCumulativeCreditAllows()
    {
        var actor = Start(Rollout(maxInflight: 2));
        Deliver(actor, 0, 0);
        Published(2 * K);

        queue.Send(actor, new ConsumedTotal(1)); // 3 of 4 still in flight: a round would make 5
        AssertPaused(actor);

        queue.Send(actor, new ConsumedTotal(2));
        Assert.Equal([4L, 5], Sequences(Published(K)));
        AssertPaused(actor);

        queue.Send(actor, new ConsumedTotal(2)); // repeated
        queue.Send(actor, new ConsumedTotal(1)); // older, overtaken
        AssertPaused(actor);

        queue.Send(actor, new ConsumedTotal(6)); // all consumed: two rounds
        Assert.Equal([6L, 7, 8, 9], Sequences(Published(2 * K)));
        AssertPaused(actor);
    }

    [Fact]
    public void ConsumedTotal_ArrivingBeforeTheFirstDelivery_DoesNotStallActing()
    {
        var actor = Start(Rollout(maxInflight: 2));
        queue.Send(actor, new ConsumedTotal(1)); // credit may overtake the parameters
        Settle(actor);

        Deliver(actor, 0, 0);

        // One unit of credit up front: 1 + 4 may be published before the actor pauses (two rounds).
        Assert.Equal([0L, 1, 2, 3], Sequences(Published(2 * K)));
        AssertPaused(actor);
    }

    [Fact]
    public void UnconfirmedUnroll_AfterTheConfirmTimeout_IsPublishedAgain_ConfirmedOnesAreNot()
    {
        var actor = Start(Rollout(maxInflight: 2));
        Deliver(actor, 0, 0);
        var unrolls = Published(2 * K);
        foreach (var u in unrolls[..3]) queue.Send(actor, new UnrollConfirmed(u.Producer));
        Settle(actor);

        Advance(ConfirmTimeout / 2); // the resend tick: half the timeout since the publish
        AssertPaused(actor);
        Advance(ConfirmTimeout / 2);

        Assert.Same(unrolls[3], queue.ExpectMsg<Unroll>());
        AssertPaused(actor);

        queue.Send(actor, new UnrollConfirmed(unrolls[3].Producer));
        Settle(actor);
        Advance(ConfirmTimeout / 2, times: 4);
        AssertPaused(actor);
    }

    [Fact]
    public void SyncMode_AfterEachRound_WaitsForADeliveryWithANewerLatestVersion()
    {
        var actor = Start(Rollout(maxInflight: 4, sync: true));

        Deliver(actor, version: 0, latest: 0);
        Assert.Equal([(0L, 0L), (1, 0)], Published(K).Select(u => (u.Producer.Sequence, u.ParameterVersion)));
        AssertPaused(actor);

        Deliver(actor, version: 0, latest: 0); // a repeated delivery (a re-subscription's answer)
        AssertPaused(actor);

        Deliver(actor, version: 0, latest: 1); // a new publish, delivered with lag
        Assert.Equal([(2L, 0L), (3, 0)], Published(K).Select(u => (u.Producer.Sequence, u.ParameterVersion)));
        AssertPaused(actor);

        Deliver(actor, version: 1, latest: 1); // not newer than the round waited for
        AssertPaused(actor);

        Deliver(actor, version: 2, latest: 2);
        Assert.Equal([(4L, 2L), (5, 2)], Published(K).Select(u => (u.Producer.Sequence, u.ParameterVersion)));
        AssertPaused(actor);
    }

    [Fact]
    public void SubscribeTick_AfterThreeRestarts_StillSubscribesOncePerInterval()
    {
        // Its first three lives fail on their first environment step; the supervisor (the user
        // guardian) restarts it in place, so a timer a restart leaked would still reach it.
        var starts = 0;
        Func<RolloutWiring> wire = () =>
        {
            var start = Interlocked.Increment(ref starts);
            return Wiring(Rollout(), start, start <= 3 ? () => new FaultInjectingEnvironment(new CartPole(), 1) : () => new CartPole());
        };
        var actor = Start(wire);
        EventFilter.Exception<InjectedEnvironmentFault>().Expect(3, () =>
        {
            for (var restart = 1; restart <= 3; restart++)
            {
                Deliver(actor, 0, 0);
                server.ExpectMsg<SubscribeParameters>(); // the next life's first subscription
            }
        });
        Settle(actor);
        Assert.Equal(4, starts);

        const int intervals = 5;
        var subscriptions = 0;
        for (var i = 0; i < intervals; i++)
        {
            Advance(SubscribeInterval);
            Settle(actor);
            while (server.HasMessages)
            {
                server.ExpectMsg<SubscribeParameters>();
                subscriptions++;
            }
        }

        Assert.Equal(intervals, subscriptions);
        AssertNothingFor(queue);
    }
}
