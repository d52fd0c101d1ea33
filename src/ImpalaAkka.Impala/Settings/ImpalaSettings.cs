using ImpalaAkka.Impala.Learning;

namespace ImpalaAkka.Impala.Settings;

/// <summary>Everything a training run is configured with, read once from the layered HOCON (see hocon/reference.conf).</summary>
public sealed record ImpalaSettings(
    string Experiment,
    int Seed,
    EnvSettings Env,
    ModelSettings Model,
    RolloutSettings Rollout,
    LearnerSettings Learner,
    VTraceOptions VTrace,
    LagSettings Lag,
    int KeepVersions,
    ReplaySettings Replay,
    SupervisionSettings Supervision,
    RunSettings Run)
{
    /// <summary>Environment frames per learner step of fresh data (T x fresh unrolls per batch).</summary>
    public int FramesPerRound => Rollout.UnrollLength * Rollout.EnvsPerActor;
}

public sealed record EnvSettings(string Name, int FailEvery);

/// <summary>The agent's sizes; each kind reads only its own (see <c>impala.model</c> in reference.conf).</summary>
public sealed record ModelSettings(
    ModelKind Kind, IReadOnlyList<int> Hidden, int ConvChannels, int Fc, bool Lstm = false, int LstmSize = 64,
    IReadOnlyList<int>? ShallowChannels = null, int ShallowFc = 256)
{
    /// <summary>shallow: output channels of its two 3x3 convolutions (the paper's 16 and 32 by default).</summary>
    public IReadOnlyList<int> ShallowChannels { get; init; } = ShallowChannels ?? [16, 32];
}

public sealed record RolloutSettings(int Actors, int EnvsPerActor, int UnrollLength, int MaxInflight, bool Sync, ActingPolicyKind Policy);

public sealed record LearnerSettings(
    int BatchSize,
    double Discount,
    double BaselineCost,
    double EntropyCost,
    RewardClipping RewardClipping,
    double GradNormClip,
    Correction Correction,
    long? MaxLag,
    int Threads,
    int CheckpointEvery,
    OptimizerSettings Optimizer,
    string Device = "cpu",
    string? LibtorchDir = null,
    bool OneDnn = true);

public sealed record OptimizerSettings(
    OptimizerKind Kind, double LearningRate, double Decay, double Epsilon, double Momentum, EpsilonPlacement EpsilonPlacement, long LrDecayFrames);

public sealed record LagSettings(LagMode Mode, int K, int Min, int Max, double P, TimeSpan Delay)
{
    public static readonly LagSettings None = new(LagMode.None, 0, 0, 0, 0.5, TimeSpan.Zero);

    /// <summary>The largest lag (in versions) this mode can inject.</summary>
    public int MaxInjected => Mode switch { LagMode.Fixed => K, LagMode.Uniform => Max, LagMode.Geometric => int.MaxValue, _ => 0 };
}

public sealed record ReplaySettings(int Capacity, double Share)
{
    public bool Enabled => Capacity > 0 && Share > 0;
}

public sealed record SupervisionSettings(int MaxRestarts, TimeSpan Window, TimeSpan BackoffMin, TimeSpan BackoffMax);

public sealed record RunSettings(long MaxFrames, double? TargetReturn, TimeSpan LogEvery, string Root, bool StopAtTarget = true);
