namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// Off-policy correction methods of the paper's ablation (Espeholt et al. 2018, section 5.2.1),
/// impala.learner.correction.
/// </summary>
public enum Correction
{
    /// <summary>V-trace targets and advantages.</summary>
    VTrace,

    /// <summary>Targets and advantages as if on-policy.</summary>
    None,

    /// <summary>Uncorrected value targets, policy gradient weighted by the unclipped rho_t.</summary>
    OneStepIs,

    /// <summary>No correction; log(pi + 1e-6) in the policy gradient for numerical safety.</summary>
    Epsilon,
}
