using Akka.Actor;
using ImpalaAkka.Cluster.Messages;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>
/// On the active learner's node, plays the parameter server for the learner and broadcasts with
/// latest-version semantics: each rollout node's relay has at most one version in flight, and when
/// it confirms, it gets the newest version there is, so a slow node gets the latest, never a
/// backlog. A version not confirmed within <c>resendAfter</c> is sent again (lost on the network).
/// Relays are learned from the nodes' status reports and forgotten when their node is gone.
/// </summary>
public sealed class ParameterBroadcastActor : ReceiveActor, IWithTimers
{
    private sealed class Peer
    {
        public long Confirmed = -1;
        public long InFlight = -1;
        public TimeSpan SentAt;
    }

    private sealed record Resend
    {
        public static readonly Resend Instance = new();
    }

    private readonly Dictionary<IActorRef, Peer> peers = [];
    private readonly TimeSpan resendAfter;
    private PolicyParameters? latest;
    private long publishedUnixMs;

    public ParameterBroadcastActor(TimeSpan resendAfter)
    {
        this.resendAfter = resendAfter;
        Receive<PublishParameters>(m =>
        {
            if (latest is not null && m.Parameters.Version <= latest.Version) return;
            latest = m.Parameters;
            publishedUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var relay in peers.Keys) Send(relay);
        });
        Receive<RolloutNodeStatus>(m =>
        {
            if (peers.ContainsKey(m.ParameterRelay)) return;
            peers[m.ParameterRelay] = new Peer();
            Context.Watch(m.ParameterRelay);
            Send(m.ParameterRelay);
        });
        Receive<ParametersReceived>(m =>
        {
            if (!peers.TryGetValue(Sender, out var peer)) return;
            peer.Confirmed = Math.Max(peer.Confirmed, m.Version);
            if (m.Version >= peer.InFlight) peer.InFlight = -1;
            Send(Sender);
        });
        Receive<Resend>(_ =>
        {
            foreach (var relay in peers.Keys) Send(relay);
        });
        Receive<Terminated>(m => peers.Remove(m.ActorRef));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private TimeSpan Now => Context.System.Scheduler.MonotonicClock;

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(Resend), Resend.Instance, resendAfter);

    private void Send(IActorRef relay)
    {
        if (latest is null || !peers.TryGetValue(relay, out var peer) || peer.Confirmed >= latest.Version) return;
        if (peer.InFlight >= 0 && Now - peer.SentAt < resendAfter) return;
        relay.Tell(new ParameterBroadcast(latest, publishedUnixMs), Self);
        peer.InFlight = latest.Version;
        peer.SentAt = Now;
    }
}
