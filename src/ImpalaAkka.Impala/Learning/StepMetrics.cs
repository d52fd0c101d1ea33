namespace ImpalaAkka.Impala.Learning;

/// <summary>What one learner step measured. Losses are sums over the batch's T x B steps, as in the paper.</summary>
public sealed record StepMetrics(
    double TotalLoss,
    double PolicyLoss,
    double BaselineLoss,
    double Entropy,
    double GradNorm,
    double LearningRate,
    double RhoClipFraction,
    double CClipFraction,
    double MeanRho);
