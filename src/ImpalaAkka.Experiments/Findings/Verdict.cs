namespace ImpalaAkka.Experiments.Findings;

/// <summary>How one grid point's estimate stands against another's.</summary>
internal enum Verdict
{
    /// <summary>Its 95% CI lies wholly above the other's.</summary>
    Higher,

    /// <summary>Its 95% CI lies wholly below the other's.</summary>
    Lower,

    /// <summary>The two CIs overlap or touch: the data do not tell them apart.</summary>
    Tied,

    /// <summary>One side has no CI (fewer than two seeds) or no value at all.</summary>
    Unknown,
}
