using ImpalaAkka.Cluster.Wire;
using RabbitMQ.Client;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>What a node reports in its heartbeat.</summary>
public sealed record NodeStatus(double FramesPerSecond, long Version, long Restarts);

/// <summary>
/// On every node: publishes a heartbeat (node, role, incarnation and <paramref name="status"/>)
/// to the heartbeats fanout exchange every heartbeat interval. Heartbeats are not persistent;
/// one lost while the broker is away only makes the node look silent for an interval.
/// </summary>
public sealed class HeartbeatActor : BrokerLink
{
    private readonly BrokerPump pump = new();

    public HeartbeatActor(ClusterSettings settings, string role, long incarnation, Func<NodeStatus> status) : base(settings, confirms: false)
    {
        Receive<Beat>(_ =>
        {
            if (Channel is null) return;
            var now = status();
            PublishFanout(pump, Settings.HeartbeatsExchange, WireCodec.Encode(new Heartbeat
            {
                Node = Settings.Node, Role = role, SentUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), FramesPerSecond = now.FramesPerSecond,
                Version = now.Version, Restarts = now.Restarts, Incarnation = incarnation,
            }), "heartbeat");
        });
    }

    private sealed record Beat;

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(nameof(Beat), new Beat(), TimeSpan.Zero, Settings.HeartbeatInterval);
    }

    protected override void PostStop()
    {
        pump.Dispose();
        base.PostStop();
    }

    protected override Task OnLinkUpAsync(IConnection connection, IChannel channel) => Task.CompletedTask;
}
