using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Roles;

/// <summary>Chooses how many versions behind the latest a delivery is (impala.lag), with its own seeded generator.</summary>
public sealed class LagInjector(LagSettings settings, Rng rng)
{
    /// <summary>Versions to subtract from the latest for the next delivery.</summary>
    public int NextLag() => settings.Mode switch
    {
        LagMode.Fixed => settings.K,
        LagMode.Uniform => settings.Min + rng.NextInt(settings.Max - settings.Min + 1),
        LagMode.Geometric => Geometric(),
        _ => 0,
    };

    /// <summary>Delay before a delivery reaches its actor (mode delay).</summary>
    public TimeSpan DeliveryDelay => settings.Mode == LagMode.Delay ? settings.Delay : TimeSpan.Zero;

    private int Geometric()
    {
        // Number of failures before the first success with probability p: P(G = g) = p (1-p)^g.
        var u = rng.NextDouble();
        return settings.P >= 1 ? 0 : (int)Math.Min(int.MaxValue, Math.Floor(Math.Log(1 - u) / Math.Log(1 - settings.P)));
    }
}
