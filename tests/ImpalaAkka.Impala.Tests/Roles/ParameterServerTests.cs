using ImpalaAkka.Actors;
using ImpalaAkka.Actors.TestKit;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Tests.Roles;

public sealed class ParameterServerTests
{
    private static PolicyParameters Version(long v) => new(v, []);

    private static (DeterministicSystem Kit, IActorRef Server, TestProbe Actor) Setup(LagSettings lag, int keep = 8)
    {
        var kit = new DeterministicSystem();
        var server = kit.System.ActorOf(Props.Create(() => new ParameterServerActor(keep, new LagInjector(lag, new Rng(1)))), "ps");
        var actor = kit.CreateProbe("rollout");
        return (kit, server, actor);
    }

    [Fact]
    public void Subscribe_BeforeAnyPublish_WaitsThenGetsEveryVersion()
    {
        var (kit, server, actor) = Setup(LagSettings.None);
        using (kit)
        {
            server.Tell(SubscribeParameters.Instance, actor);
            actor.ExpectNoMsg();
            for (var v = 0; v < 3; v++) server.Tell(new PublishParameters(Version(v)));
            Assert.Equal([0L, 1, 2], Enumerable.Range(0, 3).Select(_ => actor.ExpectMsg<ParameterDelivery>().Parameters.Version));
        }
    }

    [Fact]
    public void FixedLag_DeliversLatestMinusK_ClampedToOldestKept()
    {
        var (kit, server, actor) = Setup(LagSettings.None with { Mode = "fixed", K = 2 }, keep: 3);
        using (kit)
        {
            server.Tell(SubscribeParameters.Instance, actor);
            for (var v = 0; v < 6; v++) server.Tell(new PublishParameters(Version(v)));
            Assert.Equal([0L, 0, 0, 1, 2, 3], Enumerable.Range(0, 6).Select(_ => actor.ExpectMsg<ParameterDelivery>().Parameters.Version));
        }
    }

    [Fact]
    public void DelayLag_DeliversLatestAfterTheDelay()
    {
        var (kit, server, actor) = Setup(LagSettings.None with { Mode = "delay", Delay = TimeSpan.FromSeconds(2) });
        using (kit)
        {
            server.Tell(SubscribeParameters.Instance, actor);
            server.Tell(new PublishParameters(Version(0)));
            actor.ExpectNoMsg();
            kit.Advance(TimeSpan.FromSeconds(2));
            Assert.Equal(0, actor.ExpectMsg<ParameterDelivery>().Parameters.Version);
        }
    }

    [Fact]
    public void Publish_NonIncreasingVersion_FailsTheServer()
    {
        var (kit, server, actor) = Setup(LagSettings.None);
        using (kit)
        {
            var events = new List<ActorEvent>();
            kit.System.Events += events.Add;
            server.Tell(new PublishParameters(Version(3)));
            server.Tell(new PublishParameters(Version(3)));
            kit.Run();
            Assert.Contains(events, e => e.Text.Contains("versions must increase: got 3 after 3", StringComparison.Ordinal));
            _ = actor;
        }
    }
}
