using Akka.Actor;
using ImpalaAkka.Cluster.Messages;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>What a rollout node reports about itself each interval.</summary>
public readonly record struct RolloutNodeCounters(double FramesPerSecond, long Version, long Restarts);

/// <summary>
/// On a rollout node: every interval, tells the learner (through the cluster singleton proxy, which
/// finds the active learner wherever it runs and buffers while it moves) where this node's outbox
/// and parameter relay are, and how the node is doing. Repeated, so a new learner finds every node
/// within one interval.
/// </summary>
public sealed class RolloutStatusActor : ReceiveActor, IWithTimers
{
    private sealed record Report
    {
        public static readonly Report Instance = new();
    }

    private readonly TimeSpan interval;

    public RolloutStatusActor(IActorRef learnerProxy, string node, long incarnation, IActorRef outbox, IActorRef relay, Func<RolloutNodeCounters> counters, TimeSpan interval)
    {
        this.interval = interval;
        Receive<Report>(_ =>
        {
            var now = counters();
            learnerProxy.Tell(new RolloutNodeStatus(node, incarnation, outbox, relay, now.FramesPerSecond, now.Version, now.Restarts), ActorRefs.NoSender);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(Report), Report.Instance, TimeSpan.Zero, interval);
}
