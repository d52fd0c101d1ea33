using ImpalaAkka.Cluster.Wire;
using ImpalaAkka.Impala.Messages;
using RabbitMQ.Client;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>
/// On the learner node, plays the parameter server for the learner: publishes every version to
/// the parameters fanout exchange (each rollout node keeps only the latest). It keeps the latest
/// version and publishes it again on (re)connecting and every heartbeat interval, so a node that
/// joins later, or missed versions while the broker was away, catches up; rollout nodes ignore
/// versions they already have.
/// </summary>
public sealed class ParameterPublisherActor : BrokerLink
{
    private readonly IReadOnlyList<long[]> shapes;
    private readonly BrokerPump pump = new();
    private PublishParameters? latest;

    public ParameterPublisherActor(ClusterSettings settings, IReadOnlyList<long[]> shapes, Action<long>? onVersion = null) : base(settings, confirms: false)
    {
        this.shapes = shapes;
        Receive<PublishParameters>(m =>
        {
            latest = m;
            onVersion?.Invoke(m.Parameters.Version);
            Publish(m);
        });
        Receive<Republish>(_ =>
        {
            if (latest is not null) Publish(latest);
        });
    }

    private sealed record Republish;

    protected override void PostStop()
    {
        pump.Dispose();
        base.PostStop();
    }

    protected override void PreStart()
    {
        base.PreStart();
        Timers.StartPeriodicTimer(nameof(Republish), new Republish(), Settings.HeartbeatInterval, Settings.HeartbeatInterval);
    }

    protected override Task OnLinkUpAsync(IConnection connection, IChannel channel) => Task.CompletedTask;

    protected override void LinkUp()
    {
        if (latest is not null) Publish(latest);
    }

    private void Publish(PublishParameters m)
    {
        if (Channel is null) return;
        PublishFanout(pump, Settings.ParametersExchange, WireCodec.Encode(m.Parameters, shapes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), "publish");
    }
}
