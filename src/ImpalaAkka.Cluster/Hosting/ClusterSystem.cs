using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Cluster;
using ImpalaSerialization = ImpalaAkka.Cluster.Wire.ImpalaSerialization;
using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>The Akka system of one cluster node: our settings rendered for Akka, our serializer for every remote message, TLS when on.</summary>
public static class ClusterSystem
{
    public static (ActorSystem System, EventSink Events) Create(ClusterSettings cluster, string role, Action<RuntimeEvent>? onEvent) =>
        RoleSystem.Create(cluster.Name, onEvent, cluster.AkkaHocon(role, ImpalaSerialization.Hocon), TlsSetup.For(cluster.Tls));

    /// <summary>
    /// Creates this node's system, builds its actors with <paramref name="build"/> and waits until the
    /// node has joined the cluster (a member welcomed it: joining, weakly up or up). A node not joined
    /// within <see cref="ClusterSettings.JoinTimeout"/> terminates its system and starts a new one (a new
    /// incarnation with new associations): a join stuck on an association that failed or was quarantined
    /// while the machine was overloaded recovers only that way. Returns once joined, or as soon as
    /// <paramref name="cancellation"/> is requested or the system stopped by itself.
    /// </summary>
    public static async Task<(ActorSystem System, EventSink Events)> JoinAsync(ClusterSettings cluster, string role, Action<RuntimeEvent>? onEvent,
        Action<ActorSystem> build, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (system, events) = Create(cluster, role, onEvent);
            build(system);
            if (await JoinedWithinAsync(system, cluster.JoinTimeout, cancellation).ConfigureAwait(false)) return (system, events);
            onEvent?.Invoke(new RuntimeEvent(RuntimeEventLevel.Warning, "cluster", string.Create(CultureInfo.InvariantCulture,
                $"not joined within {cluster.JoinTimeout.TotalSeconds:0.#} s (attempt {attempt}); starting a new Akka system and joining again")));
            await system.Terminate().WaitAsync(TerminateLimit).ConfigureAwait(false);
        }
    }

    private static readonly TimeSpan TerminateLimit = TimeSpan.FromSeconds(20);

    /// <summary>False only when <paramref name="limit"/> passed with this node not yet a member; true once it is, or when cancelled or terminated first.</summary>
    private static async Task<bool> JoinedWithinAsync(ActorSystem system, TimeSpan limit, CancellationToken cancellation)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        var watch = Stopwatch.StartNew();
        // Before the welcome, a node's own member reads Removed.
        while (cluster.SelfMember.Status == MemberStatus.Removed)
        {
            if (cancellation.IsCancellationRequested || system.WhenTerminated.IsCompleted) return true;
            if (watch.Elapsed >= limit) return false;
            await Task.WhenAny(Task.Delay(200, CancellationToken.None), system.WhenTerminated).ConfigureAwait(false);
        }
        return true;
    }

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
