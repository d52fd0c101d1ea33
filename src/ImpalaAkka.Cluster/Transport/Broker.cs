using RabbitMQ.Client;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>Connections and the broker topology every node declares (idempotently) before using it.</summary>
public static class Broker
{
    /// <summary>Whether something accepts TCP connections on host:port within 3 s (a quick check before starting nodes).</summary>
    public static bool Answers(string host, int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(3)) && client.Connected;
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or AggregateException)
        {
            return false;
        }
    }

    public static Task<IConnection> ConnectAsync(ClusterSettings s, string clientName, CancellationToken cancellation = default) =>
        new ConnectionFactory
        {
            HostName = s.Host,
            Port = s.Port,
            VirtualHost = s.VirtualHost,
            UserName = s.User,
            Password = s.Password,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = false, // the bridges reconnect themselves, with back-off, and say so
            RequestedHeartbeat = TimeSpan.FromSeconds(10),
        }.CreateConnectionAsync(cancellation);

    /// <summary>
    /// The durable unroll queue (quorum or classic) dead-lettering to <c>impala.dead</c>, the
    /// dead-letter queue, and the fanout exchanges for parameters and heartbeats.
    /// </summary>
    public static async Task DeclareTopologyAsync(IChannel channel, ClusterSettings s, CancellationToken cancellation = default)
    {
        await channel.ExchangeDeclareAsync(s.DeadLetterExchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellation);
        await channel.QueueDeclareAsync(s.DeadLetterQueue, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellation);
        await channel.QueueBindAsync(s.DeadLetterQueue, s.DeadLetterExchange, "", cancellationToken: cancellation);
        await channel.QueueDeclareAsync(s.UnrollQueue, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = s.QueueType, ["x-dead-letter-exchange"] = s.DeadLetterExchange },
            cancellationToken: cancellation);
        await channel.ExchangeDeclareAsync(s.ParametersExchange, ExchangeType.Fanout, durable: false, autoDelete: false, cancellationToken: cancellation);
        await channel.ExchangeDeclareAsync(s.HeartbeatsExchange, ExchangeType.Fanout, durable: false, autoDelete: false, cancellationToken: cancellation);
    }
}
