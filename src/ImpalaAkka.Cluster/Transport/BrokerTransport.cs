using Akka.Actor;
using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>
/// A node's roles reach the others through the broker: the queue is this node's bridge actor (the
/// unroll publisher on a rollout node, the unroll consumer on the learner node) and rollout actors
/// subscribe to the node's local parameter server, which the parameter subscriber bridge feeds.
/// </summary>
internal sealed class BrokerTransport(IActorRef queueBridge, Func<IActorRef> parameterServer, TimeSpan confirmTimeout) : IRoleTransport
{
    public IActorRef Queue(string node) => queueBridge;

    public IActorRef ParameterServer(string node) => parameterServer();

    public TimeSpan ConfirmTimeout => confirmTimeout;
}
