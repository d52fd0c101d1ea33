namespace ImpalaAkka.Impala.Settings;

/// <summary>What the learner does to rewards before the targets (impala.learner.reward-clipping).</summary>
public enum RewardClipping
{
    None,

    /// <summary>Clip to [-1, 1], as the paper did for Atari.</summary>
    AbsOne,
}
