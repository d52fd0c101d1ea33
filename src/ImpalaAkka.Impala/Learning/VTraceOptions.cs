namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// Truncation levels of V-trace (Espeholt et al. 2018, section 4). A null threshold means no clipping.
/// <list type="bullet">
/// <item><c>ClipRhoThreshold</c>: rho-bar, truncates the weight of each TD error (defines the fixed point).</item>
/// <item><c>ClipPgRhoThreshold</c>: pg-rho-bar, truncates the policy-gradient weight.</item>
/// <item><c>ClipCThreshold</c>: c-bar, truncates the trace coefficients (speed of contraction); the
/// reference implementations hard-code 1.</item>
/// <item><c>Lambda</c>: SEED RL's extension, c_i = lambda * min(c-bar, rho_i); 1 gives the paper's V-trace.</item>
/// </list>
/// </summary>
public sealed record VTraceOptions(
    double? ClipRhoThreshold = 1.0,
    double? ClipPgRhoThreshold = 1.0,
    double? ClipCThreshold = 1.0,
    double Lambda = 1.0)
{
    /// <summary>The paper's setting: rho-bar = pg-rho-bar = c-bar = 1, lambda = 1.</summary>
    public static readonly VTraceOptions Paper = new();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid value.</summary>
    public void Validate()
    {
        CheckThreshold(ClipRhoThreshold, "clip_rho_threshold");
        CheckThreshold(ClipPgRhoThreshold, "clip_pg_rho_threshold");
        CheckThreshold(ClipCThreshold, "clip_c_threshold");
        if (!(Lambda is >= 0 and <= 1))
        {
            throw new ArgumentException($"lambda must be in [0, 1], got {Lambda}");
        }
    }

    private static void CheckThreshold(double? value, string name)
    {
        if (value is { } v && !(v > 0 && !double.IsNaN(v)))
        {
            throw new ArgumentException($"{name} must be > 0 (or null for no clipping), got {v}");
        }
    }
}
