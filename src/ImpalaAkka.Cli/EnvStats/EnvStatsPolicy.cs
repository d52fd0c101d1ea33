namespace ImpalaAkka.Cli.EnvStats;

/// <summary>How <see cref="EpisodeStatistics"/> chooses actions.</summary>
internal enum EnvStatsPolicy
{
    /// <summary>Uniform over the environment's actions, from <c>Rng.Derive(seed)</c>: one generator for the whole run, one draw per step.</summary>
    Random,

    /// <summary>Always action 0: MinAtar's "none" in both action sets, CartPole's push left, Catch's move left.</summary>
    Noop,
}
