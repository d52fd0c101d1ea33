namespace ImpalaAkka.Impala.Settings;

/// <summary>The learner's optimizer (impala.learner.optimizer.kind).</summary>
public enum OptimizerKind
{
    /// <summary>RMSProp; <see cref="EpsilonPlacement"/> picks TF1's or PyTorch's form.</summary>
    RmsProp,

    /// <summary>torch.optim.Adam.</summary>
    Adam,

    /// <summary>torch.optim.SGD.</summary>
    Sgd,
}
