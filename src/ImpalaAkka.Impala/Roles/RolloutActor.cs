using Akka.Actor;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// What a rollout actor is wired to. <c>Incarnation</c> counts its (re)starts, so a restarted actor
/// draws fresh seeds. <c>ConfirmTimeout</c> is when an unconfirmed unroll is published again.
/// </summary>
public sealed record RolloutWiring(
    string Node,
    int Index,
    int Incarnation,
    int Seed,
    RolloutSettings Rollout,
    IActorRef ParameterServer,
    IActorRef Queue,
    Func<IEnvironment> CreateEnvironment,
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
/// parameters the parameter server delivered last. Keeps each unroll until the queue confirms it
/// and publishes it again after <c>ConfirmTimeout</c>. Pauses while <c>max-inflight</c> rounds are
/// unconsumed (credit arrives as a cumulative count); in sync mode it also waits for a new
/// delivery after every round.
/// </summary>
public sealed class RolloutActor : ReceiveActor, IWithTimers
{
    private readonly RolloutWiring wiring;
    private readonly int k;
    private readonly SortedDictionary<long, (Unroll Unroll, DateTimeOffset SentAt)> unconfirmed = new();
    private RolloutWorker? worker;
    private PolicyParameters? pending;
    private long published;
    private long consumed;
    private long latestSeen = -1;
    private long waitingFor = -1;
    private bool continueScheduled;
    private bool awaitingDelivery;
    private bool computing;

    /// <param name="wire">called once per start: a restarted actor gets a fresh incarnation.</param>
    public RolloutActor(Func<RolloutWiring> wire)
    {
        wiring = wire();
        k = wiring.Rollout.EnvsPerActor;
        WaitingForParameters();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record RoundFinished(Unroll[] Unrolls);

    private sealed record ResendTick;

    private sealed record SubscribeTick;

    protected override void PreStart()
    {
        var envs = Enumerable.Range(0, k).Select(_ => wiring.CreateEnvironment()).ToList();
        worker = new RolloutWorker(envs, wiring.CreatePolicy(), wiring.Rollout.UnrollLength,
            Rng.Derive(wiring.Seed, wiring.Index, wiring.Incarnation), wiring.Node, wiring.Index, wiring.Incarnation);
        wiring.ParameterServer.Tell(SubscribeParameters.Instance, Self);
        if (wiring.SubscribeInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer(nameof(SubscribeTick), new SubscribeTick(), wiring.SubscribeInterval);
        }
        if (wiring.ConfirmTimeout > TimeSpan.Zero)
        {
            var interval = TimeSpan.FromTicks(Math.Max(1, wiring.ConfirmTimeout.Ticks / 2));
            Timers.StartPeriodicTimer(nameof(ResendTick), new ResendTick(), interval);
        }
    }

    protected override void PostStop() => worker?.Dispose();

    private void WaitingForParameters()
    {
        Receive<ParameterDelivery>(d =>
        {
            pending = d.Parameters;
            latestSeen = Math.Max(latestSeen, d.Latest);
            Become(Acting);
            ScheduleContinue();
        });
        // Credit can overtake the first delivery; its tick has nothing to act with yet, and
        // unanswered it would leave continueScheduled set, so the delivery could not schedule one.
        Receive<ContinueActing>(_ => continueScheduled = false);
        Common();
    }

    private void Acting()
    {
        Receive<ContinueActing>(_ => OnContinue());
        Receive<RoundFinished>(m => Publish(m.Unrolls));
        Receive<ParameterDelivery>(OnParameters);
        Common();
    }

    private void Common()
    {
        Receive<ConsumedTotal>(OnConsumed);
        Receive<UnrollConfirmed>(m => unconfirmed.Remove(m.Producer.Sequence));
        Receive<ResendTick>(_ => Resend());
        Receive<SubscribeTick>(_ => wiring.ParameterServer.Tell(SubscribeParameters.Instance, Self));
    }

    private void OnParameters(ParameterDelivery delivery)
    {
        pending = delivery.Parameters;
        latestSeen = Math.Max(latestSeen, delivery.Latest);
        if (awaitingDelivery && latestSeen > waitingFor)
        {
            awaitingDelivery = false;
            ScheduleContinue();
        }
    }

    private void OnConsumed(ConsumedTotal total)
    {
        if (total.Count <= consumed) return; // an old or repeated count
        consumed = total.Count;
        ScheduleContinue();
    }

    private void OnContinue()
    {
        continueScheduled = false;
        if (computing || awaitingDelivery || published - consumed + k > (long)wiring.Rollout.MaxInflight * k)
        {
            return; // a finished round, a delivery or a credit will schedule the next one
        }
        if (pending is not null)
        {
            worker!.Policy.Load(pending);
            pending = null;
        }
        wiring.Observer.Acted(Self.Path.ToStringWithoutAddress(), worker!.Policy.Version);
        var unrolls = worker.RunRound();
        if (wiring.Compute.RoundCost > TimeSpan.Zero)
        {
            // Virtual time: the round's results appear once its compute time has passed.
            computing = true;
            Timers.StartSingleTimer(nameof(RoundFinished), new RoundFinished(unrolls), wiring.Compute.RoundCost);
            return;
        }
        Publish(unrolls);
    }

    private void Publish(Unroll[] unrolls)
    {
        computing = false;
        var now = Context.System.Scheduler.Now; // the time a virtual-time scheduler advances (its MonotonicClock does not)
        foreach (var unroll in unrolls)
        {
            unconfirmed[unroll.Producer.Sequence] = (unroll, now);
            wiring.Queue.Tell(unroll, Self);
        }
        published += unrolls.Length;
        if (wiring.Rollout.Sync)
        {
            // Lock-step: act again only with parameters from a publish after this round.
            awaitingDelivery = true;
            waitingFor = latestSeen;
        }
        else
        {
            ScheduleContinue();
        }
    }

    private void Resend()
    {
        var now = Context.System.Scheduler.Now;
        foreach (var (sequence, (unroll, sentAt)) in unconfirmed.ToList())
        {
            if (now - sentAt < wiring.ConfirmTimeout) continue;
            unconfirmed[sequence] = (unroll, now);
            wiring.Queue.Tell(unroll, Self);
        }
    }

    private void ScheduleContinue()
    {
        if (!continueScheduled && !awaitingDelivery && !computing)
        {
            continueScheduled = true;
            Self.Tell(ContinueActing.Instance, Self);
        }
    }
}
