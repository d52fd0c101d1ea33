namespace ImpalaAkka.Environments.Tests.MinAtar;

/// <summary>
/// Mean returns of a uniform-random policy (all six actions, sticky actions at 0.1) against MinAtar's own games.
/// The reference figures come from MinAtar's Python code (kenjyoung/MinAtar 4241f24, numpy 1.24.2), run by
/// MinAtar/README.md's script as <c>python3 reference.py GAME EPISODES 1000000 2019</c>: 100,000 episodes
/// (Freeway 20,000) on seeds 1,000,000 and up. These runs use other seeds (50,000 and up, policy seed 7), so
/// the two means are independent estimates and must agree within 4 combined standard errors.
/// </summary>
public sealed class MinAtarRandomPolicyTests
{
    [Theory]
    [InlineData("minatar-asterix", 5000, 0.499120, 0.002735)]
    [InlineData("minatar-breakout", 5000, 0.513970, 0.002350)]
    [InlineData("minatar-freeway", 1000, 0.133450, 0.002585)]
    [InlineData("minatar-seaquest", 5000, 0.100040, 0.001205)]
    [InlineData("minatar-space-invaders", 3000, 2.831620, 0.007321)]
    public void MeanReturn_UniformRandomPolicy_AgreesWithMinAtarsWithinFourStandardErrors(
        string name, int episodes, double referenceMean, double referenceStandardError)
    {
        var returns = MinAtarRollout.Run(Environments.Create(name), episodes, seedBase: 50_000, policySeed: 7, hash: false)
            .Select(e => (double)e.Return).ToArray();
        var mean = returns.Average();
        var standardError = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (episodes - 1) / episodes);
        var tolerance = 4 * Math.Sqrt(standardError * standardError + referenceStandardError * referenceStandardError);
        Assert.True(Math.Abs(mean - referenceMean) < tolerance,
            $"{name}: mean return {mean:F4} ± {standardError:F4} over {episodes} episodes, MinAtar's {referenceMean:F4} ± {referenceStandardError:F4}; " +
            $"they differ by {Math.Abs(mean - referenceMean):F4}, more than {tolerance:F4}");
    }
}
