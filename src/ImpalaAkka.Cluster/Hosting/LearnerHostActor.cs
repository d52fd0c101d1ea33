using Akka.Actor;
using ImpalaAkka.Cluster.Messages;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>Everything the learner singleton needs from its node process.</summary>
public sealed record LearnerHostContext(
    ImpalaSettings Settings,
    EnvironmentSpec Spec,
    ClusterSettings Cluster,
    TrainingMonitor Monitor,
    ICheckpointStore Store,
    IRunObserver Observer,
    NodeTable Nodes,
    int Incarnation,
    string FinishedMarker)
{
    /// <summary>Every delivery, before the learner sees it (accepted.log).</summary>
    public Action<Unroll>? OnAccepted { get; init; }

    /// <summary>This node became the active learner (the learner actor, and the inbox that hands it the outboxes' deliveries).</summary>
    public Action<IActorRef, IActorRef>? OnActive { get; init; }

    /// <summary>The run had already finished (the marker is there): nothing to take over.</summary>
    public Action? OnFinishedElsewhere { get; init; }

    /// <summary>The checkpoint could not be restored (the reason).</summary>
    public Action<string>? OnFailed { get; init; }
}

/// <summary>
/// The cluster singleton on learner-role nodes: the oldest such node runs it, and when that node
/// dies (downed) or leaves, the next oldest starts it. On start it restores the learner from the
/// shared checkpoint (fresh when there is none), and creates the inbox (consumer of every rollout
/// node's outbox), the parameter broadcaster, the replay buffer and the learner. Rollout nodes'
/// status reports arrive here through their singleton proxies and go to the inbox, the broadcaster
/// and the node table.
/// </summary>
public sealed class LearnerHostActor : ReceiveActor
{
    private readonly LearnerHostContext host;
    private IActorRef? inbox;
    private IActorRef? broadcaster;

    public LearnerHostActor(LearnerHostContext host)
    {
        this.host = host;
        Receive<RolloutNodeStatus>(m =>
        {
            inbox?.Forward(m);
            broadcaster?.Forward(m);
            host.Nodes.Report(m.Node, m.FramesPerSecond, m.Version, m.Restarts);
        });
    }

    protected override void PreStart()
    {
        if (File.Exists(host.FinishedMarker))
        {
            host.OnFinishedElsewhere?.Invoke();
            return;
        }
        var (settings, spec) = (host.Settings, host.Spec);
        LearnerStart start;
        try
        {
            start = LearnerStart.From(host.Store, settings, spec);
        }
        catch (CheckpointException e)
        {
            host.OnFailed?.Invoke(e.Message);
            return;
        }
        inbox = Context.ActorOf(Props.Create(() => new UnrollInboxActor(host.OnAccepted, () => host.Monitor.Stop(StopReason.WriteFailed))), "inbox");
        broadcaster = Context.ActorOf(Props.Create(() => new ParameterBroadcastActor(2 * host.Cluster.HeartbeatInterval)), "broadcast");
        var graph = new RoleGraph(settings, spec, new DirectTransport(inbox, () => broadcaster));
        var learner = graph.Learner(Context, "learner", host.Cluster.Node,
            new LearnerRole(LearnerStart.FirstThen(start, () => LearnerStart.From(host.Store, settings, spec)), broadcaster,
                graph.Replay(Context, "replay", host.Incarnation), host.Monitor) { Store = host.Store, Observer = host.Observer },
            endRunWhenStopped: true);
        host.OnActive?.Invoke(learner, inbox);
    }
}
