using Akka.Actor;
using Akka.Event;
using ImpalaAkka.Cluster.Wire;
using ImpalaAkka.Impala.Messages;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>
/// On a rollout node, receives parameter versions through this node's own latest-value queue
/// (exclusive, bound to the fanout exchange, at most one message, consumed with prefetch 1) and
/// hands every version newer than the last to the node's local parameter server, which serves the
/// rollout actors (and injects lag). Older versions are ignored. <c>onVersion</c> sees each
/// accepted version with its publish time (for broadcast-latency figures).
/// </summary>
public sealed class ParameterSubscriberActor : BrokerLink
{
    private readonly IActorRef localServer;
    private readonly IReadOnlyList<long[]> shapes;
    private readonly Action<long, long>? onVersion;
    private long latest = -1;

    public ParameterSubscriberActor(ClusterSettings settings, IActorRef localServer, IReadOnlyList<long[]> shapes, Action<long, long>? onVersion = null)
        : base(settings, confirms: false)
    {
        this.localServer = localServer;
        this.shapes = shapes;
        this.onVersion = onVersion;
        Receive<Arrived>(OnArrived);
        Receive<Malformed>(m => Log.Warning("ignored parameters: {0}", m.Reason));
    }

    private sealed record Arrived(Impala.Model.PolicyParameters Parameters, long PublishedUnixMs);

    private sealed record Malformed(string Reason);

    protected override async Task OnLinkUpAsync(IConnection connection, IChannel channel)
    {
        var queue = $"{Settings.ParametersExchange}.{Settings.Node}";
        await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true,
            arguments: new Dictionary<string, object?> { ["x-max-length"] = 1, ["x-overflow"] = "drop-head" });
        await channel.QueueBindAsync(queue, Settings.ParametersExchange, "");
        await channel.BasicQosAsync(0, 1, global: false);
        var self = Me;
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, e) =>
        {
            try
            {
                var (parameters, published) = WireCodec.DecodeParameters(e.Body, Settings.MaxMessageBytes, shapes);
                self.Tell(new Arrived(parameters, published), self);
            }
            catch (WireException error)
            {
                self.Tell(new Malformed(error.Message), self);
            }
            await channel.BasicAckAsync(e.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
    }

    private void OnArrived(Arrived m)
    {
        if (m.Parameters.Version <= latest) return;
        latest = m.Parameters.Version;
        onVersion?.Invoke(m.Parameters.Version, m.PublishedUnixMs);
        localServer.Tell(new PublishParameters(m.Parameters), Self);
    }
}
