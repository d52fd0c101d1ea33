using Akka.Actor;
using Akka.Event;
using RabbitMQ.Client;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>
/// The part of every bridge actor that owns a connection and one channel: connects on start,
/// declares the topology, reconnects with exponential back-off when the broker goes away, and
/// counts its connection generations (a delivery tag is only valid within its generation).
/// </summary>
public abstract class BrokerLink : ReceiveActor, IWithTimers
{
    private readonly ClusterSettings settings;
    private readonly bool confirms;
    private readonly IActorRef me;
    private TimeSpan backoff;
    private IConnection? connection;
    private bool reconnecting;

    protected BrokerLink(ClusterSettings settings, bool confirms)
    {
        this.settings = settings;
        this.confirms = confirms;
        me = Self;
        backoff = settings.ReconnectMin;
        Receive<Connect>(_ => StartConnecting());
        Receive<Connected>(OnConnected);
        Receive<LinkDown>(OnDown);
        Receive<Done>(_ => { });
    }

    /// <summary>The success message of broker calls whose result needs no handling.</summary>
    protected sealed record Done
    {
        public static readonly Done Instance = new();
    }

    protected ClusterSettings Settings => settings;

    /// <summary>This actor's reference, safe to read off its turn (Akka's <c>Self</c> needs the actor context, which async continuations lack).</summary>
    protected IActorRef Me => me;

    public ITimerScheduler Timers { get; set; } = null!;

    protected Akka.Event.ILoggingAdapter Log { get; } = Akka.Event.Logging.GetLogger(Context);

    /// <summary>The open channel, or null while disconnected.</summary>
    protected IChannel? Channel { get; private set; }

    /// <summary>Increments on every new connection.</summary>
    protected long Generation { get; private set; }

    protected sealed record Connect;

    /// <summary>
    /// Publishes a non-persistent protobuf message to a fanout exchange through <paramref name="pump"/>
    /// (off the actor's turn); a failed publish takes the link down. Does nothing while disconnected.
    /// </summary>
    private protected void PublishFanout(BrokerPump pump, string exchange, byte[] body, string what)
    {
        if (Channel is not { } channel) return;
        var generation = Generation;
        var self = Self;
        pump.Enqueue(() =>
        {
            var publish = channel.BasicPublishAsync(exchange, "", mandatory: false, new BasicProperties { ContentType = "application/x-protobuf" }, body).AsTask();
            publish.PipeTo(self, Done.Instance, e => new LinkDown($"{what} failed: {e.Message}", generation));
            return publish;
        });
    }

    private sealed record Connected(IConnection Connection, IChannel Channel);

    /// <summary>The link of <c>Generation</c> failed (a connect attempt reports the generation it would have replaced).</summary>
    protected sealed record LinkDown(string Reason, long Generation);

    protected override void PreStart() => Self.Tell(new Connect(), Self);

    protected override void PostStop()
    {
        Channel = null;
        var c = connection;
        connection = null;
        if (c is not null) _ = c.CloseAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ => c.Dispose(), TaskScheduler.Default);
    }

    /// <summary>Called (off the actor's turn) with a fresh connection, channel and topology, before the link counts as up.</summary>
    protected abstract Task OnLinkUpAsync(IConnection connection, IChannel channel);

    /// <summary>Called on the actor's turn once the link is usable.</summary>
    protected virtual void LinkUp()
    {
    }

    private void StartConnecting()
    {
        reconnecting = false;
        var self = Self;
        var generation = Generation;
        var name = $"{settings.Node}/{GetType().Name}";
        ConnectAsync(name).PipeTo(self, r => new Connected(r.Connection, r.Channel), e => new LinkDown($"connect failed: {e.Message}", generation));
    }

    private async Task<(IConnection Connection, IChannel Channel)> ConnectAsync(string name)
    {
        var c = await Broker.ConnectAsync(settings, name);
        try
        {
            // The client's own limit on outstanding confirms is off: the rollout actors' max-inflight
            // already bounds what is in flight.
            var channel = await c.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: confirms,
                publisherConfirmationTrackingEnabled: confirms, outstandingPublisherConfirmationsRateLimiter: null));
            await Broker.DeclareTopologyAsync(channel, settings);
            await OnLinkUpAsync(c, channel);
            return (c, channel);
        }
        catch
        {
            await c.CloseAsync();
            c.Dispose();
            throw;
        }
    }

    private void OnConnected(Connected m)
    {
        connection = m.Connection;
        Channel = m.Channel;
        Generation++;
        backoff = settings.ReconnectMin;
        var self = Self;
        var generation = Generation;
        m.Connection.ConnectionShutdownAsync += (_, e) =>
        {
            self.Tell(new LinkDown($"connection closed: {e.ReplyText}", generation), self);
            return Task.CompletedTask;
        };
        Log.Info("{0}", $"connected to amqp://{settings.Host}:{settings.Port} (generation {generation})");
        LinkUp();
    }

    private void OnDown(LinkDown down)
    {
        if (down.Generation != Generation || reconnecting) return; // an older link, or already handled
        reconnecting = true;
        var reason = down.Reason;
        Channel = null;
        var old = connection;
        connection = null;
        old?.Dispose();
        Log.Warning("{0}", $"broker link down ({reason}); retrying in {backoff.TotalMilliseconds:0} ms");
        Timers.StartSingleTimer(nameof(Connect), new Connect(), backoff);
        backoff = TimeSpan.FromTicks(Math.Min(settings.ReconnectMax.Ticks, backoff.Ticks * 2));
    }
}
