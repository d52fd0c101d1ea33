using ImpalaAkka.Actors;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Roles;

/// <summary>What a rollout actor is wired to. <c>Incarnation</c> counts its (re)starts, so a restarted actor draws fresh seeds.</summary>
public sealed record RolloutWiring(
    string Node,
    int Index,
    int Incarnation,
    int Seed,
    RolloutSettings Rollout,
    IActorRef ParameterServer,
    IActorRef Learner,
    Func<IEnvironment> CreateEnvironment,
    Func<IActingPolicy> CreatePolicy);

/// <summary>
/// Steps K environments as a batch with one forward pass per step and sends one <see cref="Unroll"/>
/// per environment every T steps, acting with the parameters the parameter server delivered last.
/// Episodes continue across unroll boundaries. It pauses when <c>max-inflight</c> rounds are
/// unconsumed, and in sync mode waits for a new delivery after every round.
/// </summary>
public sealed class RolloutActor : ActorBase
{
    private readonly RolloutWiring wiring;
    private readonly int k;
    private RolloutWorker? worker;
    private PolicyParameters? pending;
    private int outstanding;
    private bool continueScheduled;
    private bool awaitingDelivery;

    public RolloutActor(RolloutWiring wiring)
    {
        this.wiring = wiring;
        k = wiring.Rollout.EnvsPerActor;
        WaitingForParameters();
    }

    protected override void PreStart()
    {
        var envs = Enumerable.Range(0, k).Select(_ => wiring.CreateEnvironment()).ToList();
        worker = new RolloutWorker(envs, wiring.CreatePolicy(), wiring.Rollout.UnrollLength,
            Rng.Derive(wiring.Seed, wiring.Index, wiring.Incarnation), wiring.Node, wiring.Index, wiring.Incarnation);
        wiring.ParameterServer.Tell(new SubscribeParameters(Self), Self);
    }

    protected override void PostStop() => worker?.Dispose();

    private void WaitingForParameters()
    {
        Receive<PolicyParameters>(p =>
        {
            pending = p;
            Become(Acting);
            ScheduleContinue();
        });
        Receive<UnrollsConsumed>(OnConsumed);
    }

    private void Acting()
    {
        Receive<ContinueActing>(_ => OnContinue());
        Receive<PolicyParameters>(OnParameters);
        Receive<UnrollsConsumed>(OnConsumed);
    }

    private void OnParameters(PolicyParameters parameters)
    {
        pending = parameters;
        if (awaitingDelivery)
        {
            awaitingDelivery = false;
            ScheduleContinue();
        }
    }

    private void OnConsumed(UnrollsConsumed consumed)
    {
        outstanding -= consumed.Count;
        ScheduleContinue();
    }

    private void OnContinue()
    {
        continueScheduled = false;
        if (awaitingDelivery || outstanding + k > wiring.Rollout.MaxInflight * k)
        {
            return; // a delivery or a credit will schedule the next round
        }
        if (pending is not null)
        {
            worker!.Policy.Load(pending);
            pending = null;
        }
        foreach (var unroll in worker!.RunRound()) wiring.Learner.Tell(unroll, Self);
        outstanding += k;
        if (wiring.Rollout.Sync) awaitingDelivery = true;
        else ScheduleContinue();
    }

    private void ScheduleContinue()
    {
        if (!continueScheduled && !awaitingDelivery)
        {
            continueScheduled = true;
            Self.Tell(ContinueActing.Instance, Self);
        }
    }
}
