using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Common;

namespace ImpalaAkka.Cli.EnvStats;

/// <summary>Return and length statistics of episodes played by a fixed policy.</summary>
internal sealed record EpisodeStatistics(SampleSummary Return, SampleSummary Length)
{
    /// <summary>
    /// Plays <paramref name="episodes"/> episodes of <paramref name="env"/>: episode i is reset with seed
    /// <paramref name="seed"/> + i and played to its end (terminated or truncated) by <paramref name="policy"/>;
    /// the random policy draws from <c>Rng.Derive(seed)</c> with <c>NextInt(ActionCount)</c> each step.
    /// <paramref name="onEpisode"/> is called after each episode with the number done.
    /// </summary>
    public static EpisodeStatistics Measure(IEnvironment env, EnvStatsPolicy policy, int seed, int episodes, Action<int>? onEpisode = null)
    {
        if (episodes < 1) throw new ArgumentOutOfRangeException(nameof(episodes), episodes, "at least one episode");
        if ((long)seed + episodes - 1 > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(seed), seed, $"seed + episodes - 1 exceeds {int.MaxValue}");
        var observation = new float[env.Spec.ObservationSize];
        var actions = env.Spec.ActionCount;
        var rng = Rng.Derive(seed);
        var returns = new RunningStatistics();
        var lengths = new RunningStatistics();
        for (var i = 0; i < episodes; i++)
        {
            env.Reset(seed + i, observation);
            double total = 0;
            long length = 0;
            StepResult step;
            do
            {
                step = env.Step(policy == EnvStatsPolicy.Random ? rng.NextInt(actions) : 0, observation);
                total += step.Reward;
                length++;
            }
            while (!step.Done);
            returns.Add(total);
            lengths.Add(length);
            onEpisode?.Invoke(i + 1);
        }
        return new EpisodeStatistics(returns.Summary(), lengths.Summary());
    }
}
