using Akka.Actor;
using Akka.Cluster;
using static Akka.Cluster.ClusterEvent;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>
/// Feeds Akka.Cluster's membership and reachability events into the <see cref="NodeTable"/> and
/// reports each change (nodes.log, the console). A node's name and role come from its cluster roles
/// (<c>node:NAME</c> and <c>learner</c> or <c>rollout</c>).
/// </summary>
public sealed class MembershipActor : ReceiveActor
{
    public MembershipActor(NodeTable table, Action<string> onChange)
    {
        void On(Member member, string state)
        {
            var (name, role) = Identify(member);
            var address = $"{member.Address.Host}:{member.Address.Port}";
            if (table.Membership(name, role, address, member.UniqueAddress.Uid, state, DateTimeOffset.UtcNow) is { } change) onChange(change);
        }
        Receive<MemberUp>(m => On(m.Member, "up"));
        Receive<MemberJoined>(_ => { });
        Receive<MemberWeaklyUp>(m => On(m.Member, "weakly-up"));
        Receive<MemberLeft>(m => On(m.Member, "leaving"));
        Receive<MemberExited>(m => On(m.Member, "exiting"));
        Receive<MemberDowned>(m => On(m.Member, "down"));
        Receive<MemberRemoved>(m => On(m.Member, "removed"));
        Receive<UnreachableMember>(m => On(m.Member, "unreachable"));
        Receive<ReachableMember>(m => On(m.Member, "up"));
        Receive<IClusterDomainEvent>(_ => { });
    }

    /// <summary>The node name and role a member announced in its roles.</summary>
    public static (string Name, string Role) Identify(Member member)
    {
        var name = member.Roles.FirstOrDefault(r => r.StartsWith("node:", StringComparison.Ordinal))?["node:".Length..] ?? $"{member.Address.Host}:{member.Address.Port}";
        var role = member.Roles.Contains("learner") ? "learner" : member.Roles.Contains("rollout") ? "rollout" : "other";
        return (name, role);
    }

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents, typeof(IMemberEvent), typeof(IReachabilityEvent));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
}
