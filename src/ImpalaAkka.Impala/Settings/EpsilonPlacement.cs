namespace ImpalaAkka.Impala.Settings;

/// <summary>Where RMSProp adds epsilon (impala.learner.optimizer.epsilon-placement); the other optimizers ignore it.</summary>
public enum EpsilonPlacement
{
    /// <summary>TensorFlow 1, the paper's: lr g / sqrt(ms + eps), ms starting at 1.</summary>
    InsideSqrt,

    /// <summary>PyTorch: lr g / (sqrt(ms) + eps), ms starting at 0.</summary>
    OutsideSqrt,
}
