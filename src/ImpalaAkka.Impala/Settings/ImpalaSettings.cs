using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
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

/// <summary>
/// The environments a run trains on. <c>Tasks</c> lists them with their shares of the rollout slots
/// (one task, <c>Name</c>, unless <c>impala.env.tasks</c> is set). With <c>MultiTask</c>, <c>Name</c> is
/// <see cref="MultiTaskName"/> and every task's observations are padded to the shared <see cref="Spec"/>.
/// </summary>
public sealed record EnvSettings(string Name, int FailEvery, IReadOnlyList<TaskSettings> Tasks, bool MultiTask)
{
    /// <summary>The run's environment name when it trains on a task list (run directories, summary.json).</summary>
    public const string MultiTaskName = "multi-task";

    public EnvSettings(string name, int failEvery)
        : this(name, failEvery, [new TaskSettings(name, 1)], MultiTask: false)
    {
    }

    /// <summary>What the network and learner see: the one environment's spec, or the padded multi-task spec.</summary>
    public EnvironmentSpec Spec => MultiTask
        ? MultiTaskSpec.Of(Name, [.. Tasks.Select(t => Environments.Environments.SpecOf(t.Name))])
        : Environments.Environments.SpecOf(Name);

    /// <summary>The task names in configured order (the names unrolls carry).</summary>
    public IReadOnlyList<string> TaskNames => [.. Tasks.Select(t => t.Name)];

    /// <summary>The tasks whose metrics are reported one by one besides the overall ones: a multi-task run's, none otherwise.</summary>
    public IReadOnlyList<string> ReportedTasks => MultiTask ? TaskNames : [];

    /// <summary>The task index of each of <paramref name="slots"/> environment slots (see <see cref="TaskAssignment"/>).</summary>
    public int[] TaskOfSlots(int slots) => TaskAssignment.Slots([.. Tasks.Select(t => t.Share)], slots);

    /// <summary>A fresh environment of task <paramref name="task"/>, padded to <see cref="Spec"/> and with fault injection as configured.</summary>
    public IEnvironment Create(int task)
    {
        var env = Environments.Environments.Create(Tasks[task].Name);
        if (MultiTask) env = new ChannelPaddedEnvironment(env, Spec.ObservationShape[0]);
        return FailEvery > 0 ? new FaultInjectingEnvironment(env, FailEvery) : env;
    }
}

/// <summary>One entry of <c>impala.env.tasks</c>: an environment name and its share (> 0) of the rollout slots.</summary>
public sealed record TaskSettings(string Name, double Share);

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
