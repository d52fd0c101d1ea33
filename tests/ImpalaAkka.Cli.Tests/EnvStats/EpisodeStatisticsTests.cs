using ImpalaAkka.Cli.EnvStats;
using ImpalaAkka.Environments;
using ImpalaAkka.Environments.MinAtar;
using ImpalaAkka.Impala.Common;

namespace ImpalaAkka.Cli.Tests.EnvStats;

public sealed class EpisodeStatisticsTests
{
    /// <summary>Each episode's return and length, played exactly as the contract of <see cref="EpisodeStatistics.Measure"/> says.</summary>
    private static (List<double> Returns, List<double> Lengths) Episodes(IEnvironment env, bool random, int seed, int episodes)
    {
        var obs = new float[env.Spec.ObservationSize];
        var rng = Rng.Derive(seed);
        var returns = new List<double>();
        var lengths = new List<double>();
        for (var i = 0; i < episodes; i++)
        {
            env.Reset(seed + i, obs);
            double g = 0;
            var n = 0;
            while (true)
            {
                var r = env.Step(random ? rng.NextInt(env.Spec.ActionCount) : 0, obs);
                g += r.Reward;
                n++;
                if (r.Done) break;
            }
            returns.Add(g);
            lengths.Add(n);
        }
        return (returns, lengths);
    }

    [Theory]
    [InlineData("catch", true)]
    [InlineData("cartpole", true)]
    [InlineData("cartpole", false)]
    [InlineData("minatar-breakout", true)]
    [InlineData("minatar-space-invaders", false)]
    public void Measure_AnyEnvironment_MatchesEpisodeByEpisodeReference(string name, bool random)
    {
        var (returns, lengths) = Episodes(Environments.Environments.Create(name), random, 11, 40);
        var counted = new List<int>();
        var measured = EpisodeStatistics.Measure(Environments.Environments.Create(name), random ? EnvStatsPolicy.Random : EnvStatsPolicy.Noop, 11, 40, counted.Add);
        Assert.Equal(Enumerable.Range(1, 40), counted);
        Assert.Equal(40, measured.Return.N);
        Assert.Equal(returns.Average(), measured.Return.Mean, 1e-12);
        Assert.Equal(returns.Min(), measured.Return.Min);
        Assert.Equal(returns.Max(), measured.Return.Max);
        Assert.Equal(lengths.Average(), measured.Length.Mean, 1e-12);
        Assert.Equal(lengths.Min(), measured.Length.Min);
        Assert.Equal(lengths.Max(), measured.Length.Max);
    }

    [Theory]
    [InlineData(MinAtarActions.Full)]
    [InlineData(MinAtarActions.Minimal)]
    public void Noop_EveryMinAtarActionSet_IsActionNone(MinAtarActions actions)
    {
        foreach (var name in MinAtarEnvironment.Names)
        {
            Assert.True(MinAtarEnvironment.Create(name, new MinAtarOptions(actions)).Actions[0] == MinAtarAction.None, $"{name} {actions}: action 0 is not None");
        }
    }

    [Fact]
    public void Measure_SeedRangePastIntMax_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => EpisodeStatistics.Measure(new Catch(), EnvStatsPolicy.Noop, int.MaxValue, 2));
        Assert.Equal("seed", e.ParamName);
    }
}
