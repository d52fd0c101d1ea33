using Akka.Actor;

namespace ImpalaAkka.Impala.Topology;

/// <summary>
/// Every node's roles reach actors of this process directly: the queue (in one process the queue
/// itself; on a cluster node its broker bridge) and the parameter server, looked up when a node is
/// built because the graph creates it. Real time, so compute costs nothing extra.
/// </summary>
public sealed class DirectTransport(IActorRef queue, Func<IActorRef> parameterServer) : IRoleTransport
{
    public IActorRef Queue(string node) => queue;

    public IActorRef ParameterServer(string node) => parameterServer();

    /// <summary>When a rollout actor publishes an unconfirmed unroll again (default 30 s).</summary>
    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
