using Akka.Actor;
using ImpalaAkka.Cluster.Wire;
using ProducerId = ImpalaAkka.Impala.Messages.ProducerId;
using Unroll = ImpalaAkka.Impala.Messages.Unroll;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Messages;
using RabbitMQ.Client;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>
/// On a rollout node, plays the unroll queue for the local rollout actors: publishes each unroll
/// to the durable queue as a persistent message with a publisher confirm, and answers the confirm
/// with <see cref="UnrollConfirmed"/>. Credit (<see cref="ConsumedTotal"/>, cumulative) is the
/// count of confirmed unrolls, but it is withheld while the queue holds <c>max-queued-unrolls</c>
/// or more (the depth polled every 100 ms plus this node's confirms since), so rollout actors
/// pause instead of building a stale backlog. While the broker is away the unroll is dropped here; the rollout actors publish
/// again what was never confirmed. <c>onConfirmed</c> sees every confirmed producer id.
/// </summary>
public sealed class UnrollPublisherActor : BrokerLink
{
    private readonly EnvironmentSpec spec;
    private readonly Action<ProducerId>? onConfirmed;
    private readonly Dictionary<IActorRef, long> confirmed = new();
    private readonly List<IActorRef> publishers = [];
    private readonly HashSet<IActorRef> owed = new();
    private readonly BrokerPump pump = new();
    private uint depth;
    private bool polling;
    private IChannel? pollChannel;
    private long sincePoll;

    public UnrollPublisherActor(ClusterSettings settings, EnvironmentSpec spec, Action<ProducerId>? onConfirmed = null)
        : base(settings, confirms: true)
    {
        this.spec = spec;
        this.onConfirmed = onConfirmed;
        Receive<Unroll>(OnUnroll);
        Receive<Published>(OnPublished);
        Receive<PublishFailed>(m => Self.Tell(new LinkDown($"publish failed: {m.Reason}", m.Generation), Self));
        Receive<PollDepth>(_ => Poll());
        Receive<Depth>(m =>
        {
            polling = false;
            depth = m.Messages;
            sincePoll = 0;
            Credit();
        });
    }

    private sealed record Published(ProducerId Producer, IActorRef Publisher);

    private sealed record PublishFailed(string Reason, long Generation);

    private sealed record PollDepth;

    private sealed record Depth(uint Messages);

    protected override void LinkUp() => polling = false;

    protected override void PostStop()
    {
        pump.Dispose();
        base.PostStop();
    }

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(nameof(PollDepth), new PollDepth(), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    // Depth polls use their own channel, so they never queue behind publishes.
    protected override async Task OnLinkUpAsync(IConnection connection, IChannel channel) =>
        pollChannel = await connection.CreateChannelAsync();

    private void OnUnroll(Unroll unroll)
    {
        var channel = Channel;
        if (channel is null) return; // the publisher resends it after its confirm timeout
        var body = WireCodec.Encode(unroll, spec.ObservationShape, spec.ActionCount);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/x-protobuf", Type = "impala.Unroll" };
        var publisher = Sender;
        var generation = Generation;
        var self = Self;
        var queue = Settings.UnrollQueue;
        // Publishing is started on the pump (never on this actor's turn); the confirm is awaited
        // concurrently, so many publishes can be in flight.
        pump.Enqueue(() =>
        {
            channel.BasicPublishAsync("", queue, mandatory: true, properties, body).AsTask()
                .PipeTo(self, new Published(unroll.Producer, publisher), e => new PublishFailed(e.Message, generation));
            return Task.CompletedTask;
        });
    }

    private void OnPublished(Published m)
    {
        if (!confirmed.ContainsKey(m.Publisher)) publishers.Add(m.Publisher);
        confirmed[m.Publisher] = confirmed.GetValueOrDefault(m.Publisher) + 1;
        onConfirmed?.Invoke(m.Producer);
        m.Publisher.Tell(new UnrollConfirmed(m.Producer), Self);
        owed.Add(m.Publisher);
        sincePoll++;
        Credit();
    }

    /// <summary>Sends owed credit unless the queue is at its bound (the last polled depth plus what this node added since).</summary>
    private void Credit()
    {
        if (depth + sincePoll >= Settings.MaxQueuedUnrolls) return;
        foreach (var publisher in publishers)
        {
            if (owed.Remove(publisher)) publisher.Tell(new ConsumedTotal(confirmed[publisher]), Self);
        }
    }

    private void Poll()
    {
        if (polling || Channel is null || pollChannel is not { } channel) return;
        polling = true;
        var generation = Generation;
        var self = Self;
        var queue = Settings.UnrollQueue;
        pump.Enqueue(() =>
        {
            channel.QueueDeclarePassiveAsync(queue).PipeTo(self, ok => new Depth(ok.MessageCount), e => new PublishFailed($"depth poll failed: {e.Message}", generation));
            return Task.CompletedTask;
        });
    }
}
