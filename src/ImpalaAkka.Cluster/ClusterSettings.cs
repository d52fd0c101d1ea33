using System.Net;
using ImpalaAkka.Config;
using Cfg = ImpalaAkka.Config.Config;

namespace ImpalaAkka.Cluster;

/// <summary>The <c>impala.cluster</c> section: the broker, this node's name, queue and exchange names, limits and timers.</summary>
public sealed record ClusterSettings(
    string Host,
    int Port,
    string VirtualHost,
    string User,
    string Password,
    string Node,
    string QueueType,
    string UnrollQueue,
    int MaxQueuedUnrolls,
    TimeSpan ConfirmTimeout,
    string DeadLetterExchange,
    string ParametersExchange,
    string HeartbeatsExchange,
    int MaxMessageBytes,
    TimeSpan HeartbeatInterval,
    TimeSpan DeadAfter,
    TimeSpan ReconnectMin,
    TimeSpan ReconnectMax)
{
    public string DeadLetterQueue => UnrollQueue + ".dead";

    public static ClusterSettings Bind(Cfg c)
    {
        var settings = new ClusterSettings(
            c.GetString("impala.cluster.broker.host"),
            c.GetInt("impala.cluster.broker.port") is var port && port is > 0 and < 65536 ? port : throw c.Invalid("impala.cluster.broker.port", $"must be a TCP port, got {port}"),
            c.GetString("impala.cluster.broker.virtual-host"),
            c.GetString("impala.cluster.broker.user"),
            c.GetString("impala.cluster.broker.password"),
            c.GetString("impala.cluster.node") is { Length: > 0 } node && !node.Contains('/') ? node : throw c.Invalid("impala.cluster.node", "must be a non-empty name without '/'"),
            c.GetChoice("impala.cluster.queue-type", "quorum", "classic"),
            c.GetString("impala.cluster.unroll-queue"),
            c.GetInt("impala.cluster.max-queued-unrolls") is var queued && queued >= 1 ? queued : throw c.Invalid("impala.cluster.max-queued-unrolls", $"must be >= 1, got {queued}"),
            c.GetDuration("impala.cluster.confirm-timeout") is var confirm && confirm > TimeSpan.Zero ? confirm : throw c.Invalid("impala.cluster.confirm-timeout", "must be > 0"),
            c.GetString("impala.cluster.dead-letter-exchange"),
            c.GetString("impala.cluster.parameters-exchange"),
            c.GetString("impala.cluster.heartbeats-exchange"),
            c.GetBytes("impala.cluster.max-message-bytes") is var max && max is >= 1024 and <= 512L << 20 ? (int)max : throw c.Invalid("impala.cluster.max-message-bytes", $"must be in 1KiB..512MiB, got {max}"),
            c.GetDuration("impala.cluster.heartbeat-interval"),
            c.GetDuration("impala.cluster.dead-after"),
            c.GetDuration("impala.cluster.reconnect-min"),
            c.GetDuration("impala.cluster.reconnect-max"));
        if (settings.User == "guest" && !IsLoopback(settings.Host))
        {
            throw c.Invalid("impala.cluster.broker.user",
                $"the guest user only works on a loopback broker, and {settings.Host} is not one: set impala.cluster.broker.user/password or IMPALA_BROKER_USER/IMPALA_BROKER_PASSWORD");
        }
        return settings;
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
