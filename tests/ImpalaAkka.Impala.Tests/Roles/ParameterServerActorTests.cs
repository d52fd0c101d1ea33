using Akka.Actor;
using Akka.TestKit;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Tests.Roles;

public sealed class ParameterServerActorTests : RoleTestKit
{
    private static PolicyParameters Version(long v) => new(v, []);

    private IActorRef Server(LagSettings lag, int keep = 8) =>
        Sys.ActorOf(Props.Create(() => new ParameterServerActor(keep, new LagInjector(lag, new Rng(1)))), "parameter-server");

    private static (long Version, long Latest) Received(TestProbe rollout)
    {
        var delivery = rollout.ExpectMsg<ParameterDelivery>();
        return (delivery.Parameters.Version, delivery.Latest);
    }

    [Fact]
    public void Subscribe_BeforeAnyPublish_WaitsThenGetsEveryVersion()
    {
        var server = Server(LagSettings.None);
        var rollout = CreateTestProbe();

        rollout.Send(server, SubscribeParameters.Instance);
        Settle(server);
        AssertNothingFor(rollout);

        for (var v = 0; v < 3; v++) server.Tell(new PublishParameters(Version(v)));
        Assert.Equal(new[] { (0L, 0L), (1L, 1L), (2L, 2L) }, new[] { Received(rollout), Received(rollout), Received(rollout) });
        Assert.Equal(server, rollout.LastSender);
    }

    [Fact]
    public void Subscribe_Repeated_AnswersEachOnce_AndPublishesReachTheSubscriberOnce()
    {
        var server = Server(LagSettings.None);
        var rollout = CreateTestProbe();
        server.Tell(new PublishParameters(Version(0)));

        rollout.Send(server, SubscribeParameters.Instance);
        rollout.Send(server, SubscribeParameters.Instance);
        server.Tell(new PublishParameters(Version(1)));

        Assert.Equal(new[] { (0L, 0L), (0L, 0L), (1L, 1L) }, new[] { Received(rollout), Received(rollout), Received(rollout) });
        Settle(server);
        AssertNothingFor(rollout);
    }

    [Theory]
    [InlineData(4, 2, new long[] { 0, 0, 0, 1, 2, 3 })] // latest - k once six versions exist
    [InlineData(2, 3, new long[] { 0, 0, 1, 2, 3, 4 })] // k beyond what is kept: the oldest kept, latest - 1
    public void FixedLag_DeliversLatestMinusK_ClampedToTheOldestKept(int keep, int k, long[] expected)
    {
        var server = Server(LagSettings.None with { Mode = LagMode.Fixed, K = k }, keep);
        var rollout = CreateTestProbe();
        rollout.Send(server, SubscribeParameters.Instance);

        for (var v = 0; v < 6; v++) server.Tell(new PublishParameters(Version(v)));

        var got = Enumerable.Range(0, 6).Select(_ => Received(rollout)).ToList();
        Assert.Equal(expected, got.Select(d => d.Version));
        Assert.Equal([0L, 1, 2, 3, 4, 5], got.Select(d => d.Latest));
    }

    [Fact]
    public void DelayLag_DeliversTheLatestOnlyOnceTheDelayHasPassed()
    {
        var delay = TimeSpan.FromSeconds(2);
        var server = Server(LagSettings.None with { Mode = LagMode.Delay, Delay = delay });
        var rollout = CreateTestProbe();
        rollout.Send(server, SubscribeParameters.Instance);
        server.Tell(new PublishParameters(Version(0)));
        Settle(server);

        Advance(delay - TimeSpan.FromMilliseconds(1));
        AssertNothingFor(rollout);
        Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal((0L, 0L), Received(rollout));
        Assert.Equal(server, rollout.LastSender);
    }

    [Fact]
    public void Publish_NonIncreasingVersion_FailsTheServerWithoutDelivering()
    {
        var server = Server(LagSettings.None);
        var rollout = CreateTestProbe();
        rollout.Send(server, SubscribeParameters.Instance);
        server.Tell(new PublishParameters(Version(3)));
        Assert.Equal((3L, 3L), Received(rollout));

        EventFilter.Exception<InvalidOperationException>(contains: "versions must increase: got 3 after 3")
            .ExpectOne(() => server.Tell(new PublishParameters(Version(3))));

        Settle(server);
        AssertNothingFor(rollout);
    }
}
