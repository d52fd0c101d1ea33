using Akka.Actor;
using Akka.Actor.Internal;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Simulation.Trace;

namespace ImpalaAkka.Simulation;

/// <summary>
/// The network between simulated nodes. A message from one node to another is lost (drop rate,
/// a partition between the two, a loss burst, a parameter-loss window, or a node that is down when
/// it would arrive), delivered once or twice (duplicate rate), after a latency drawn uniformly from
/// [min, max] plus, with the reorder rate, up to reorder-delay more. All draws come from one seeded
/// generator and every decision is traced, so a run is reproducible from its seed.
/// </summary>
public sealed class SimNetwork
{
    private readonly NetworkSettings settings;
    private readonly ExtendedActorSystem system;
    private readonly IScheduler scheduler;
    private readonly Rng rng;
    private readonly SimTrace trace;
    private readonly Func<string, bool> isUp;
    private readonly Dictionary<(string From, IActorRef Target), RemoteRef> replyRefs = [];
    private readonly List<(string A, string B, TimeSpan Until)> partitions = [];
    private readonly Dictionary<string, TimeSpan> parameterLoss = [];
    private (double Rate, TimeSpan Until) lossBurst;

    public SimNetwork(NetworkSettings settings, ActorSystem system, Rng rng, SimTrace trace, Func<string, bool> isUp)
    {
        this.settings = settings;
        this.system = (ExtendedActorSystem)system;
        scheduler = system.Scheduler;
        this.rng = rng;
        this.trace = trace;
        this.isUp = isUp;
    }

    public long Sent { get; private set; }

    public long Lost { get; private set; }

    public long Duplicated { get; private set; }

    /// <summary>A reference on node <paramref name="from"/> to the actor that <paramref name="resolve"/> finds on node <paramref name="to"/> when a message arrives (the current incarnation).</summary>
    public IActorRef Address(string from, string to, string role, Func<IActorRef?> resolve) => new RemoteRef(this, $"{from}->{to}/{role}", from, to, role, resolve);

    public void Partition(string a, string b, TimeSpan length) => partitions.Add((a, b, scheduler.MonotonicClock + length));

    public void LoseParameters(string node, TimeSpan length) => parameterLoss[node] = scheduler.MonotonicClock + length;

    public void LossBurst(double rate, TimeSpan length) => lossBurst = (rate, scheduler.MonotonicClock + length);

    private bool Partitioned(string a, string b, TimeSpan now) =>
        partitions.Any(p => p.Until > now && ((p.A == a && p.B == b) || (p.A == b && p.B == a)));

    internal void Send(string from, string to, string role, Func<IActorRef?> resolve, object message, IActorRef? sender)
    {
        var now = scheduler.MonotonicClock;
        var what = MessageSummary.Of(message);
        Sent++;
        // Draw every random number in a fixed order, whatever the outcome, so one decision never shifts the next.
        var drop = rng.NextDouble();
        var duplicate = rng.NextDouble();
        var latencies = new[] { Latency(), Latency() };
        string? reason = null;
        if (Partitioned(from, to, now)) reason = "partition";
        else if (message is ParameterDelivery && parameterLoss.TryGetValue(to, out var until) && until > now) reason = "parameter loss";
        else if (lossBurst.Until > now && drop < lossBurst.Rate) reason = "loss burst";
        else if (drop < settings.Drop) reason = "drop";
        if (reason is not null)
        {
            Lost++;
            trace.Add(new MessageLost(now, from, to, role, what, reason));
            return;
        }
        var copies = duplicate < settings.Duplicate ? 2 : 1;
        if (copies == 2) Duplicated++;
        var reply = sender is null ? null : ReplyRef(to, from, sender);
        for (var i = 0; i < copies; i++)
        {
            scheduler.Advanced.ScheduleOnce(latencies[i], () => Arrive(from, to, role, resolve, reply, what, message));
        }
    }

    private TimeSpan Latency()
    {
        var span = (settings.LatencyMax - settings.LatencyMin).Ticks;
        var latency = settings.LatencyMin + TimeSpan.FromTicks((long)(rng.NextDouble() * span));
        var reorder = rng.NextDouble();
        var extra = rng.NextDouble();
        return reorder < settings.Reorder ? latency + TimeSpan.FromTicks((long)(extra * settings.ReorderDelay.Ticks)) : latency;
    }

    /// <summary>Replies travel back over the network to the exact actor that sent the message; one wrapper per (node, actor), so receivers can compare senders.</summary>
    private RemoteRef ReplyRef(string from, string to, IActorRef target)
    {
        if (target is RemoteRef remote) target = remote.Resolve() ?? target;
        if (!replyRefs.TryGetValue((from, target), out var reference))
        {
            var path = target.Path.ToStringWithoutAddress();
            // The link names the target's incarnation (its uid) too: an actor restarted under the same
            // path is another sender, with its own credit at the queue, as it is outside the simulation.
            // The uid stays out of the trace (it is random); the role traced is the path alone.
            reference = new RemoteRef(this, $"{from}->{to}{path}-u{target.Path.Uid}", from, to, path, () => target);
            replyRefs[(from, target)] = reference;
        }
        return reference;
    }

    private void Arrive(string from, string to, string role, Func<IActorRef?> resolve, IActorRef? reply, MessageSummary what, object message)
    {
        var now = scheduler.MonotonicClock;
        var target = isUp(to) ? resolve() : null;
        if (target is null)
        {
            Lost++;
            trace.Add(new MessageLost(now, from, to, role, what, "node down"));
            return;
        }
        trace.Add(new MessageDelivered(now, from, to, role, what));
        target.Tell(message, reply);
    }

    /// <summary>
    /// An address on another node: every Tell crosses the simulated network. Its path names the link
    /// and the target (<c>/network/{from}~{to}.{role}</c>), so two addresses are equal exactly when they
    /// are the same link to the same target; Akka compares senders by path.
    /// </summary>
    private sealed class RemoteRef(SimNetwork network, string link, string from, string to, string role, Func<IActorRef?> resolve) : MinimalActorRef
    {
        public override ActorPath Path { get; } = new RootActorPath(network.system.Provider.DefaultAddress) / "network" / link.Replace("->", "~").Replace('/', '.');

        public override IActorRefProvider Provider => network.system.Provider;

        public IActorRef? Resolve() => resolve();

        protected override void TellInternal(object message, IActorRef sender) =>
            network.Send(from, to, role, resolve, message, sender is null || ReferenceEquals(sender, ActorRefs.NoSender) || sender.IsNobody() ? null : sender);

        public override string ToString() => $"/{to}/{role}";
    }
}
