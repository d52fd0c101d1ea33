using Akka.Actor;
using Akka.Event;
using ImpalaAkka.Cluster.Wire;
using ProducerId = ImpalaAkka.Impala.Messages.ProducerId;
using Unroll = ImpalaAkka.Impala.Messages.Unroll;
using ImpalaAkka.Impala.Messages;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>
/// On the learner node, plays the unroll queue for the learner: consumes the durable queue with a
/// prefetch limit and manual acks, delivers every decoded unroll as an <see cref="UnrollDelivery"/>
/// (the tag carries the connection generation), and acks a delivery when the learner says its use
/// is durable. A message that cannot be decoded is rejected to the dead-letter queue, counted and
/// logged with its reason, and never reaches the learner. When the connection drops, the broker
/// requeues everything unacked; the learner recognises what it already learned by producer id.
/// </summary>
public sealed class UnrollConsumerActor : BrokerLink
{
    private const int GenerationShift = 48;
    private readonly Action<string>? onDeadLettered;
    private readonly BrokerPump pump = new();
    private IActorRef? learner;
    private ushort prefetch;
    private bool consuming;

    public UnrollConsumerActor(ClusterSettings settings, Action<string>? onDeadLettered = null) : base(settings, confirms: false)
    {
        this.onDeadLettered = onDeadLettered;
        Receive<ConsumeUnrolls>(OnConsume);
        Receive<Arrived>(OnArrived);
        Receive<Malformed>(OnMalformed);
        Receive<AckUnrolls>(m => Ack(m.Tags));
        Receive<DeliveriesUsed>(_ => { }); // RabbitMQ frees prefetch slots on ack only
    }

    /// <summary>Deliveries rejected as malformed so far.</summary>
    public static long DeadLettered => Interlocked.Read(ref deadLettered);

    private static long deadLettered;

    private sealed record Arrived(long Generation, ulong Tag, Unroll Unroll, bool Redelivered);

    private sealed record Malformed(long Generation, ulong Tag, string Reason);

    protected override Task OnLinkUpAsync(IConnection connection, IChannel channel) => Task.CompletedTask;

    protected override void PostStop()
    {
        pump.Dispose();
        base.PostStop();
    }

    protected override void LinkUp()
    {
        consuming = false;
        StartConsuming();
    }

    private void OnConsume(ConsumeUnrolls m)
    {
        learner = Sender;
        prefetch = (ushort)Math.Clamp(m.Prefetch, 1, ushort.MaxValue);
        StartConsuming();
    }

    private void StartConsuming()
    {
        if (consuming || learner is null || Channel is not { } channel) return;
        consuming = true;
        var self = Self;
        var generation = Generation;
        var maxBytes = Settings.MaxMessageBytes;
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) =>
        {
            try
            {
                self.Tell(new Arrived(generation, e.DeliveryTag, WireCodec.DecodeUnroll(e.Body, maxBytes), e.Redelivered), self);
            }
            catch (WireException error)
            {
                self.Tell(new Malformed(generation, e.DeliveryTag, error.Message), self);
            }
            return Task.CompletedTask;
        };
        var queue = Settings.UnrollQueue;
        var limit = prefetch;
        pump.Enqueue(() =>
        {
            var start = Task.Run(async () =>
            {
                await channel.BasicQosAsync(0, limit, global: false);
                await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
            });
            start.PipeTo(self, Done.Instance, e => new LinkDown($"consume failed: {e.Message}", generation));
            return start;
        });
    }

    private void OnArrived(Arrived m)
    {
        if (m.Generation != Generation) return; // from a closed connection: the broker requeued it
        learner?.Tell(new UnrollDelivery((m.Generation << GenerationShift) | (long)m.Tag, m.Unroll, m.Redelivered), Self);
    }

    private void OnMalformed(Malformed m)
    {
        if (m.Generation != Generation || Channel is not { } channel) return;
        Interlocked.Increment(ref deadLettered);
        onDeadLettered?.Invoke(m.Reason);
        Log.Warning("{0}", $"dead-lettered a message: {m.Reason}");
        pump.Enqueue(() => channel.BasicNackAsync(m.Tag, multiple: false, requeue: false).AsTask());
    }

    private void Ack(long[] tags)
    {
        if (Channel is not { } channel) return; // unacked deliveries come back after reconnecting
        var current = tags.Where(tag => tag >> GenerationShift == Generation).Select(tag => (ulong)(tag & ((1L << GenerationShift) - 1))).ToList();
        if (current.Count == 0) return;
        // Acks go through the pump, never on this actor's turn; a stale generation's tags are skipped.
        pump.Enqueue(async () =>
        {
            foreach (var tag in current) await channel.BasicAckAsync(tag, multiple: false);
        });
    }
}
