namespace ImpalaAkka.Experiments.Findings;

/// <summary>A mean with the half-width of its 95% confidence interval (NaN with fewer than two seeds).</summary>
internal readonly record struct Estimate(double Mean, double Ci)
{
    public double Low => Mean - Ci;

    public double High => Mean + Ci;

    public bool HasInterval => double.IsFinite(Mean) && double.IsFinite(Ci);

    /// <summary>
    /// Higher or Lower only where the two intervals are disjoint, a conservative test (two
    /// non-overlapping 95% CIs reject equality at well below 5%); touching intervals are Tied.
    /// </summary>
    public Verdict Against(Estimate other) =>
        !HasInterval || !other.HasInterval ? Verdict.Unknown
        : Low > other.High ? Verdict.Higher
        : High < other.Low ? Verdict.Lower
        : Verdict.Tied;

    public static implicit operator Estimate((double Mean, double Ci) value) => new(value.Mean, value.Ci);
}
