using Akka.Actor;

namespace ImpalaAkka.Impala.Topology;

/// <summary>Every node in one process: the queue and parameter server are plain local actors (the server is looked up when a node is built: the graph creates it).</summary>
public sealed class LocalTransport(IActorRef queue, Func<IActorRef> parameterServer) : IRoleTransport
{
    public IActorRef Queue(string node) => queue;

    public IActorRef ParameterServer(string node) => parameterServer();
}
