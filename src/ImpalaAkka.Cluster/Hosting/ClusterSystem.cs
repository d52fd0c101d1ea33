using Akka.Actor;
using ImpalaSerialization = ImpalaAkka.Cluster.Wire.ImpalaSerialization;
using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>The Akka system of one cluster node: our settings rendered for Akka, our serializer for every remote message, TLS when on.</summary>
public static class ClusterSystem
{
    public static (ActorSystem System, EventSink Events) Create(ClusterSettings cluster, string role, Action<RuntimeEvent>? onEvent) =>
        RoleSystem.Create(cluster.Name, onEvent, cluster.AkkaHocon(role, ImpalaSerialization.Hocon), TlsSetup.For(cluster.Tls));

    /// <summary>Leaves the cluster (the singleton hands over) and terminates the system, within <paramref name="limit"/>.</summary>
    public static async Task LeaveAsync(ActorSystem system, TimeSpan limit)
    {
        try
        {
            await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClusterLeavingReason.Instance).WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await system.Terminate().WaitAsync(limit).ConfigureAwait(false);
        }
    }
}
