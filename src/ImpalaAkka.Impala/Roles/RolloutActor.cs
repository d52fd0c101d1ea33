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
    private readonly int t;
    private readonly IEnvironment[] envs;
    private readonly int obsSize;
    private readonly int actionCount;
    private readonly float[] observations;
    private readonly float[] logits;
    private readonly float[] episodeReturn;
    private readonly int[] episodeLength;
    private readonly Rng rng;
    private IActingPolicy? policy;
    private PolicyParameters? pending;
    private long sequence;
    private int outstanding;
    private bool continueScheduled;
    private bool awaitingDelivery;

    public RolloutActor(RolloutWiring wiring)
    {
        this.wiring = wiring;
        k = wiring.Rollout.EnvsPerActor;
        t = wiring.Rollout.UnrollLength;
        rng = Rng.Derive(wiring.Seed, wiring.Index, wiring.Incarnation);
        envs = new IEnvironment[k];
        for (var i = 0; i < k; i++) envs[i] = wiring.CreateEnvironment();
        obsSize = envs[0].Spec.ObservationSize;
        actionCount = envs[0].Spec.ActionCount;
        observations = new float[k * obsSize];
        logits = new float[k * actionCount];
        episodeReturn = new float[k];
        episodeLength = new int[k];
        WaitingForParameters();
    }

    protected override void PreStart()
    {
        for (var i = 0; i < k; i++) envs[i].Reset(rng.NextSeed(), observations.AsSpan(i * obsSize, obsSize));
        policy = wiring.CreatePolicy();
        wiring.ParameterServer.Tell(new SubscribeParameters(Self), Self);
    }

    protected override void PostStop() => policy?.Dispose();

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
            policy!.Load(pending);
            pending = null;
        }
        RunRound();
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

    /// <summary>T batched steps of all K environments, then one unroll per environment to the learner.</summary>
    private void RunRound()
    {
        var version = policy!.Version;
        var obs = new float[k][];
        var actions = new int[k][];
        var rewards = new float[k][];
        var dones = new bool[k][];
        var behaviour = new float[k][];
        var returns = new List<float>[k];
        var lengths = new List<int>[k];
        for (var i = 0; i < k; i++)
        {
            obs[i] = new float[(t + 1) * obsSize];
            actions[i] = new int[t];
            rewards[i] = new float[t];
            dones[i] = new bool[t];
            behaviour[i] = new float[t * actionCount];
            returns[i] = [];
            lengths[i] = [];
            observations.AsSpan(i * obsSize, obsSize).CopyTo(obs[i]);
        }
        for (var step = 0; step < t; step++)
        {
            policy.Logits(observations, k, logits);
            for (var i = 0; i < k; i++)
            {
                var row = logits.AsSpan(i * actionCount, actionCount);
                var action = CategoricalSampler.Sample(row, rng);
                row.CopyTo(behaviour[i].AsSpan(step * actionCount));
                actions[i][step] = action;
                var current = observations.AsSpan(i * obsSize, obsSize);
                var result = envs[i].Step(action, current);
                rewards[i][step] = result.Reward;
                dones[i][step] = result.Done;
                episodeReturn[i] += result.Reward;
                episodeLength[i]++;
                if (result.Done)
                {
                    returns[i].Add(episodeReturn[i]);
                    lengths[i].Add(episodeLength[i]);
                    episodeReturn[i] = 0;
                    episodeLength[i] = 0;
                    envs[i].Reset(rng.NextSeed(), current);
                }
                current.CopyTo(obs[i].AsSpan((step + 1) * obsSize));
            }
        }
        for (var i = 0; i < k; i++)
        {
            var producer = new ProducerId(wiring.Node, wiring.Index, wiring.Incarnation, sequence++);
            wiring.Learner.Tell(new Unroll(producer, version, t, obs[i], actions[i], rewards[i], dones[i], behaviour[i],
                [.. returns[i]], [.. lengths[i]], envs[i].Spec.Name), Self);
        }
    }
}
