namespace ImpalaAkka.Impala.Settings;

/// <summary>Which parameter version the parameter server hands out (impala.lag.mode); <see cref="LagSettings"/> holds each mode's numbers.</summary>
public enum LagMode
{
    /// <summary>The latest.</summary>
    None,

    /// <summary>The latest - k.</summary>
    Fixed,

    /// <summary>The latest - U{min..max}.</summary>
    Uniform,

    /// <summary>The latest - G, P(G = g) = p (1-p)^g.</summary>
    Geometric,

    /// <summary>The latest, delivered after the delay.</summary>
    Delay,
}
