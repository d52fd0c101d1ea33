using Akka.Actor;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Protocol;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// What a rollout actor is wired to. <c>Incarnation</c> counts its (re)starts, so a restarted actor
/// draws fresh seeds. <c>CreateEnvironment</c> makes the environment of each of its K slots (0..K-1). <c>ConfirmTimeout</c> is when an unconfirmed unroll is published again.
/// </summary>
public sealed record RolloutWiring(
    string Node,
    int Index,
    int Incarnation,
    int Seed,
    RolloutSettings Rollout,
    IActorRef ParameterServer,
    IActorRef Queue,
    Func<int, IEnvironment> CreateEnvironment,
    Func<IActingPolicy> CreatePolicy)
{
    public ComputeClock Compute { get; init; } = ComputeClock.RealTime;

    public TimeSpan ConfirmTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the actor subscribes again: finds a restarted parameter server and heals lost broadcasts.</summary>
    public TimeSpan SubscribeInterval { get; init; } = TimeSpan.FromSeconds(1);

    public IRunObserver Observer { get; init; } = NoObserver.Instance;
}

/// <summary>
/// Steps K environments as a batch (a <see cref="RolloutWorker"/>) and publishes one
/// <see cref="Unroll"/> per environment every T steps to the unroll queue, acting with the
/// parameters the parameter server delivered last. Its flow control is a <see cref="RolloutFlow"/>:
/// each unroll is kept until the queue confirms it and published again after <c>ConfirmTimeout</c>;
/// it pauses while <c>max-inflight</c> rounds are unconsumed (credit arrives as a cumulative count);
/// in sync mode it also waits for a new delivery after every round.
/// </summary>
public sealed class RolloutActor : ReceiveActor, IWithTimers
{
    private readonly RolloutWiring wiring;
    private readonly RolloutFlow flow;
    private RolloutWorker? worker;

    /// <param name="wire">called once per start: a restarted actor gets a fresh incarnation.</param>
    public RolloutActor(Func<RolloutWiring> wire)
    {
        wiring = wire();
        flow = new RolloutFlow(wiring.Rollout.EnvsPerActor, wiring.Rollout.MaxInflight, wiring.Rollout.Sync, wiring.ConfirmTimeout);
        Receive<ParameterDelivery>(d => Continue(flow.ParametersDelivered(d.Parameters, d.Latest)));
        Receive<ConsumedTotal>(m => Continue(flow.ConsumedTotal(m.Count)));
        Receive<ContinueActing>(_ => OnContinue());
        Receive<RoundFinished>(m => Publish(m.Unrolls));
        Receive<UnrollConfirmed>(m => flow.Confirmed(m.Producer));
        Receive<ResendTick>(_ => Send(flow.Resend(Now)));
        Receive<SubscribeTick>(_ => wiring.ParameterServer.Tell(SubscribeParameters.Instance, Self));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record RoundFinished(Unroll[] Unrolls);

    private sealed record ResendTick;

    private sealed record SubscribeTick;

    private TimeSpan Now => Context.System.Scheduler.Elapsed();

    protected override void PreStart()
    {
        var k = wiring.Rollout.EnvsPerActor;
        var envs = Enumerable.Range(0, k).Select(wiring.CreateEnvironment).ToList();
        worker = new RolloutWorker(envs, wiring.CreatePolicy(), wiring.Rollout.UnrollLength,
            Rng.Derive(wiring.Seed, wiring.Index, wiring.Incarnation), wiring.Node, wiring.Index, wiring.Incarnation);
        wiring.ParameterServer.Tell(SubscribeParameters.Instance, Self);
        if (wiring.SubscribeInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer(nameof(SubscribeTick), new SubscribeTick(), wiring.SubscribeInterval);
        }
        if (flow.ResendInterval is { } interval) Timers.StartPeriodicTimer(nameof(ResendTick), new ResendTick(), interval);
    }

    protected override void PostStop() => worker?.Dispose();

    private void Continue(bool schedule)
    {
        if (schedule) Self.Tell(ContinueActing.Instance, Self);
    }

    private void OnContinue()
    {
        var decision = flow.Continue();
        if (!decision.Act) return; // a finished round, a delivery or a credit will schedule the next one
        if (decision.Load is { } parameters) worker!.Policy.Load(parameters);
        wiring.Observer.Acted(Self.Path.ToStringWithoutAddress(), worker!.Policy.Version);
        var unrolls = worker.RunRound();
        if (wiring.Compute.RoundCost > TimeSpan.Zero)
        {
            // Virtual time: the round's results appear once its compute time has passed.
            Timers.StartSingleTimer(nameof(RoundFinished), new RoundFinished(unrolls), wiring.Compute.RoundCost);
            return;
        }
        Publish(unrolls);
    }

    private void Publish(Unroll[] unrolls)
    {
        var outcome = flow.RoundFinished(unrolls, Now);
        Send(outcome.Send);
        Continue(outcome.ScheduleContinue);
    }

    private void Send(IReadOnlyList<Unroll> unrolls)
    {
        foreach (var unroll in unrolls) wiring.Queue.Tell(unroll, Self);
    }
}
