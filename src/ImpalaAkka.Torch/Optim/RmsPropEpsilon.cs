namespace ImpalaAkka.Torch.Optim;

/// <summary>Where RMSProp's epsilon goes, and how the mean square starts.</summary>
public enum RmsPropEpsilon
{
    /// <summary>
    /// TensorFlow 1's <c>RMSPropOptimizer</c>, which the IMPALA paper used: update = lr * g / sqrt(ms + eps),
    /// with the mean square ms initialised to 1.
    /// </summary>
    InsideSqrt,

    /// <summary>PyTorch's <c>torch.optim.RMSprop</c>: update = lr * g / (sqrt(ms) + eps), with ms initialised to 0.</summary>
    OutsideSqrt,
}
