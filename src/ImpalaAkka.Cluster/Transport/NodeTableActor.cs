using Akka.Actor;
using Akka.Event;
using ImpalaAkka.Cluster.Wire;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>
/// On the learner node: consumes every node's heartbeats (an exclusive queue bound to the
/// heartbeats exchange) into the <see cref="NodeTable"/>, sweeps it for silent nodes every
/// heartbeat interval, and reports each membership change to <c>onChange</c>. Heartbeats that
/// fail to decode are logged and ignored.
/// </summary>
public sealed class NodeTableActor : BrokerLink
{
    public NodeTableActor(ClusterSettings settings, NodeTable table, Action<string> onChange) : base(settings, confirms: false)
    {
        Receive<Arrived>(m =>
        {
            if (table.Observe(m.Heartbeat, DateTimeOffset.UtcNow) is { } change) onChange(change);
        });
        Receive<Sweep>(_ =>
        {
            foreach (var change in table.Sweep(DateTimeOffset.UtcNow)) onChange(change);
        });
        Receive<Malformed>(m => Log.Warning("ignored heartbeat: {0}", m.Reason));
    }

    private sealed record Arrived(Heartbeat Heartbeat);

    private sealed record Malformed(string Reason);

    private sealed record Sweep;

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(nameof(Sweep), new Sweep(), Settings.HeartbeatInterval, Settings.HeartbeatInterval);
    }

    protected override async Task OnLinkUpAsync(IConnection connection, IChannel channel)
    {
        var queue = $"{Settings.HeartbeatsExchange}.{Settings.Node}";
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true);
        await channel.QueueBindAsync(queue, Settings.HeartbeatsExchange, "");
        var self = Me;
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) =>
        {
            try
            {
                self.Tell(new Arrived(WireCodec.DecodeHeartbeat(e.Body, Settings.MaxMessageBytes)), self);
            }
            catch (WireException error)
            {
                self.Tell(new Malformed(error.Message), self);
            }
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
    }
}
