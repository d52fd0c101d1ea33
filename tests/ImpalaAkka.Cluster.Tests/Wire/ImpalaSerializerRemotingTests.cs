using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote;
using Akka.TestKit;
using ImpalaAkka.Cluster.Wire;
using Domain = ImpalaAkka.Impala.Messages;
using Nodes = ImpalaAkka.Cluster.Messages;

namespace ImpalaAkka.Cluster.Tests.Wire;

/// <summary>
/// Two remote ActorSystems in one process over real DotNetty TCP on 127.0.0.1: what Akka.Remote
/// 1.5.74 does with a message <see cref="ImpalaSerializer"/> rejects on receipt or refuses to send.
/// The receiver is the TestKit's system; the sender is configured per test.
/// </summary>
public sealed class ImpalaSerializerRemotingTests() : Akka.TestKit.Xunit2.TestKit(Remote.WithFallback(ImpalaSerialization.Config), "receiver")
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly Akka.Configuration.Config Remote = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        akka.loglevel = WARNING
        """);

    private ActorSystem? sender;

    protected override void AfterAll()
    {
        if (sender is not null) Shutdown(sender, Wait);
        base.AfterAll();
    }

    [Fact]
    public void MalformedMessage_IsRejectedAndCounted_AndTheAssociationLivesOn()
    {
        // The sender's ParametersReceived goes through a serializer with ImpalaSerializer's id that writes garbage.
        var from = StartSender("""
            akka.actor.serializers.garbage = "ImpalaAkka.Cluster.Tests.Wire.GarbageSerializer, ImpalaAkka.Cluster.Tests"
            akka.actor.serialization-bindings { "ImpalaAkka.Cluster.Messages.ParametersReceived, ImpalaAkka.Cluster" = garbage }
            """);
        var (target, received) = Target(from);
        var warnings = Subscribe(Sys, typeof(Warning));
        var lifecycle = Subscribe(Sys, typeof(DisassociatedEvent), typeof(AssociationErrorEvent));
        var senderLifecycle = Subscribe(from, typeof(DisassociatedEvent), typeof(AssociationErrorEvent));
        target.Tell(new Domain.AckUnrolls([1]));
        received.ExpectMsg<Domain.AckUnrolls>(m => Assert.Equal([1L], m.Tags), Wait); // associated
        var before = ImpalaSerializer.Rejected;

        target.Tell(new Nodes.ParametersReceived(5));
        target.Tell(new Domain.AckUnrolls([2, 3]));

        received.ExpectMsg<Domain.AckUnrolls>(m => Assert.Equal([2L, 3L], m.Tags), Wait);
        AwaitAssert(() => Assert.True(ImpalaSerializer.Rejected > before, $"Rejected stayed at {before}"), Wait);
        var warning = warnings.FishForMessage<Warning>(w => w.Message.ToString()!.StartsWith("Deserialization failed"), Wait);
        Assert.Contains("serializer id [7301] and manifest [PR]", warning.Message.ToString());
        Assert.Contains("association remains live", warning.Message.ToString());
        Assert.Contains("ParametersReceived: not a valid message", warning.Cause.Message);
        Assert.IsType<WireException>(warning.Cause);
        lifecycle.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        senderLifecycle.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void OversizedMessage_IsRefusedAtTheSender_AndTheAssociationLivesOn()
    {
        var from = StartSender("impala.wire.max-message-bytes = 1KiB");
        var (target, received) = Target(from);
        var errors = Subscribe(from, typeof(Error));
        var lifecycle = Subscribe(from, typeof(DisassociatedEvent), typeof(AssociationErrorEvent));
        target.Tell(new Domain.AckUnrolls([1]));
        received.ExpectMsg<Domain.AckUnrolls>(Wait);

        target.Tell(new Domain.DeliveriesUsed([.. Enumerable.Repeat(long.MaxValue, 200)]));
        target.Tell(new Domain.AckUnrolls([2]));

        received.ExpectMsg<Domain.AckUnrolls>(m => Assert.Equal([2L], m.Tags), Wait);
        var error = errors.ExpectMsg<Error>(Wait);
        Assert.Contains("association remains live", error.Message.ToString());
        Assert.IsType<SerializationException>(error.Cause);
        Assert.StartsWith("DeliveriesUsed: ", error.Cause.Message);
        Assert.EndsWith("bytes encoded exceeds impala.wire.max-message-bytes = 1024; refused at the sender", error.Cause.Message);
        received.ExpectNoMsg(TimeSpan.Zero);
        lifecycle.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private ActorSystem StartSender(string overrides) =>
        sender = ActorSystem.Create("sender", ConfigurationFactory.ParseString(overrides).WithFallback(Remote).WithFallback(ImpalaSerialization.Config));

    /// <summary>A probe on the receiver and the sender's remote ref to it.</summary>
    private (IActorRef Target, TestProbe Received) Target(ActorSystem from)
    {
        var received = CreateTestProbe();
        var address = ((ExtendedActorSystem)Sys).Provider.DefaultAddress;
        return (((ExtendedActorSystem)from).Provider.ResolveActorRef(received.Ref.Path.ToStringWithAddress(address)), received);
    }

    private TestProbe Subscribe(ActorSystem system, params Type[] events)
    {
        var probe = CreateTestProbe();
        foreach (var e in events) system.EventStream.Subscribe(probe.Ref, e);
        return probe;
    }
}
