using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Acting;

/// <summary>
/// K environments stepped as a batch: one forward pass of the acting policy per step for all K,
/// actions sampled with the worker's seeded generator. <see cref="RunRound"/> plays T steps and
/// returns one <see cref="Unroll"/> per environment; episodes continue across rounds. Steps
/// allocate nothing; a round allocates only the unrolls it returns.
/// </summary>
public sealed class RolloutWorker : IDisposable
{
    private readonly IEnvironment[] envs;
    private readonly int t;
    private readonly int obsSize;
    private readonly int actionCount;
    private readonly float[] observations;
    private readonly float[] logits;
    private readonly float[] episodeReturn;
    private readonly int[] episodeLength;
    private readonly Rng rng;
    private readonly string node;
    private readonly int actor;
    private readonly int incarnation;
    private long sequence;

    public RolloutWorker(IReadOnlyList<IEnvironment> environments, IActingPolicy policy, int unrollLength, Rng rng,
        string node = "local", int actor = 0, int incarnation = 1)
    {
        envs = [.. environments];
        Policy = policy;
        t = unrollLength;
        this.rng = rng;
        this.node = node;
        this.actor = actor;
        this.incarnation = incarnation;
        obsSize = envs[0].Spec.ObservationSize;
        actionCount = envs[0].Spec.ActionCount;
        observations = new float[envs.Length * obsSize];
        logits = new float[envs.Length * actionCount];
        episodeReturn = new float[envs.Length];
        episodeLength = new int[envs.Length];
        for (var i = 0; i < envs.Length; i++) envs[i].Reset(rng.NextSeed(), observations.AsSpan(i * obsSize, obsSize));
    }

    public IActingPolicy Policy { get; }

    public int EnvironmentCount => envs.Length;

    /// <summary>T batched steps of all K environments with the currently loaded parameters.</summary>
    public Unroll[] RunRound()
    {
        var k = envs.Length;
        var version = Policy.Version;
        var obs = new float[k][];
        var actions = new int[k][];
        var rewards = new float[k][];
        var dones = new bool[k][];
        var behaviour = new float[k][];
        var returns = new List<float>[k];
        var lengths = new List<int>[k];
        var initialStates = new float[k][];
        for (var i = 0; i < k; i++)
        {
            initialStates[i] = new float[Policy.StateSize];
            Policy.CopyState(i, initialStates[i]);
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
            Policy.Logits(observations, k, logits);
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
                    Policy.ResetState(i);
                }
                current.CopyTo(obs[i].AsSpan((step + 1) * obsSize));
            }
        }
        var unrolls = new Unroll[k];
        for (var i = 0; i < k; i++)
        {
            unrolls[i] = new Unroll(new ProducerId(node, actor, incarnation, sequence++), version, t, obs[i], actions[i], rewards[i], dones[i],
                behaviour[i], [.. returns[i]], [.. lengths[i]], envs[i].Spec.Name) { InitialState = initialStates[i] };
        }
        return unrolls;
    }

    public void Dispose() => Policy.Dispose();
}
