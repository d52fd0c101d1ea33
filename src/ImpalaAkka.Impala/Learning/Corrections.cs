namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// Off-policy correction methods of the paper's ablation (Espeholt et al. 2018, section 5.2.1):
/// <c>vtrace</c>; <c>none</c> (targets and advantages as if on-policy); <c>one-step-is</c>
/// (uncorrected value targets, policy gradient weighted by the unclipped rho_t); <c>epsilon</c>
/// (no correction; log(pi + 1e-6) in the policy gradient for numerical safety).
/// </summary>
public static class Corrections
{
    public const string VTrace = "vtrace";
    public const string None = "none";
    public const string OneStepIs = "one-step-is";
    public const string Epsilon = "epsilon";

    public static readonly string[] All = [VTrace, None, OneStepIs, Epsilon];

    /// <summary>The epsilon of epsilon-correction.</summary>
    public const double EpsilonValue = 1e-6;
}
