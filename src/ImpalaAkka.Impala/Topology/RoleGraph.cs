using Akka.Actor;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Topology;

/// <summary>
/// The one builder of the role graph: parameter server, replay, learner (with the watch that ends a
/// run without it) and rollout nodes, created the same way by every wiring: the in-process trainer,
/// the deterministic simulation and the cluster node host. What differs between them is only where
/// the unroll queue and the parameter server live and how a node reaches them: that is the
/// <see cref="IRoleTransport"/>, the seam. Seeds derive from the run's seed and each role's
/// incarnation, so a restarted role never repeats the draws of its previous life.
/// </summary>
public sealed class RoleGraph(ImpalaSettings settings, EnvironmentSpec spec, IRoleTransport transport)
{
    /// <summary>The parameter server of a learner node's <paramref name="incarnation"/>-th start.</summary>
    public IActorRef ParameterServer(IActorRefFactory parent, string name, int incarnation) =>
        parent.ActorOf(Props.Create(() => new ParameterServerActor(settings.KeepVersions,
            new LagInjector(settings.Lag, Rng.Derive(settings.Seed, -1, incarnation)))), name);

    /// <summary>The replay buffer, or null when replay is off.</summary>
    public IActorRef? Replay(IActorRefFactory parent, string name, int incarnation) =>
        settings.Replay.Enabled
            ? parent.ActorOf(Props.Create(() => new ReplayActor(settings.Replay.Capacity, Rng.Derive(settings.Seed, -2, incarnation))), name)
            : null;

    /// <summary>
    /// The learner on node <paramref name="node"/>, publishing to <paramref name="parameterServer"/> and
    /// consuming from the transport's queue; with <paramref name="endRunWhenStopped"/>, a watch that ends
    /// the run if the learner stops (in-process and cluster: without a learner nothing can progress).
    /// </summary>
    public IActorRef Learner(IActorRefFactory parent, string name, string node, LearnerRole role, bool endRunWhenStopped)
    {
        var wiring = new LearnerWiring(settings, spec, role.Start, role.ParameterServer, transport.Queue(node), role.Replay, role.Monitor)
        {
            Store = role.Store,
            Compute = transport.Compute,
            ConsumeInterval = transport.Heartbeat,
            Observer = role.Observer,
        };
        var learner = parent.ActorOf(Props.Create(() => new LearnerActor(wiring)), name);
        if (endRunWhenStopped)
        {
            parent.ActorOf(Props.Create(() => new StopRunWhenTerminated(learner, role.Monitor, StopReason.LearnerStopped)), $"{name}-watch");
        }
        return learner;
    }

    /// <summary>A rollout node: its guardian and <c>rollout.actors</c> supervised rollout actors acting with the transport's parameters.</summary>
    public IActorRef RolloutNode(IActorRefFactory parent, string name, RolloutRole role)
    {
        var (queue, server) = (transport.Queue(role.Node), transport.ParameterServer(role.Node));
        var k = settings.Rollout.EnvsPerActor;
        var taskOfSlot = settings.Env.TaskOfSlots(settings.Rollout.Actors * k);
        Func<int, int, IEnvironment> createEnvironment = role.CreateEnvironment is { } custom
            ? (actor, _) => custom(actor)
            : (actor, env) => settings.Env.Create(taskOfSlot[actor * k + env]);
        Func<int, RolloutWiring> wire = index => new(role.Node, index, role.Incarnations.Next(index), role.Seed, settings.Rollout, server, queue,
            env => createEnvironment(index, env), () => ActingPolicies.Create(settings.Rollout.Policy, settings.Model, spec))
        {
            Compute = transport.Compute,
            ConfirmTimeout = transport.ConfirmTimeout,
            SubscribeInterval = transport.Heartbeat,
            Observer = role.Observer,
        };
        Func<int, Props> rolloutProps = index =>
        {
            Func<RolloutWiring> next = () => wire(index); // evaluated on each (re)start: a fresh incarnation
            return Props.Create(() => new RolloutActor(next));
        };
        return parent.ActorOf(Props.Create(() => new RolloutNodeActor(settings.Rollout.Actors, rolloutProps, settings.Supervision, role.OnActorStopped, role.OnAllActorsStopped)), name);
    }
}
