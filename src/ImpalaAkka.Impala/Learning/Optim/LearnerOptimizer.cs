using ImpalaAkka.Impala.Settings;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning.Optim;

/// <summary>
/// The learner's optimizer behind one face: TorchSharp's RMSProp (PyTorch's epsilon convention),
/// Adam and SGD, or the paper's TF1-style RMSProp (<see cref="Tf1RmsProp"/>). Its state is a list
/// of named tensors (<c>{parameter index}.{slot}</c>) plus <see cref="Steps"/>, which is what a
/// checkpoint stores and restores.
/// </summary>
public abstract class LearnerOptimizer : IDisposable
{
    protected LearnerOptimizer(IReadOnlyList<Parameter> parameters) => Parameters = parameters;

    /// <summary>The parameters it updates, in model order.</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>The rate the next <see cref="Step"/> uses; the learner's schedule sets it before each step.</summary>
    public abstract double LearningRate { get; set; }

    /// <summary>Completed steps.</summary>
    public long Steps { get; private set; }

    /// <summary>The kind as written in settings and checkpoints: rmsprop-tf1, rmsprop, adam or sgd.</summary>
    public abstract string Kind { get; }

    /// <summary>The optimizer for <paramref name="settings"/> over <paramref name="parameters"/>.</summary>
    public static LearnerOptimizer Create(OptimizerSettings settings, IEnumerable<Parameter> parameters)
    {
        var list = parameters.ToList();
        return settings.Kind switch
        {
            OptimizerKind.Adam => TorchOptimizer.Adam(list, settings),
            OptimizerKind.Sgd => TorchOptimizer.Sgd(list, settings),
            OptimizerKind.RmsProp when settings.EpsilonPlacement == EpsilonPlacement.InsideSqrt =>
                new Tf1RmsProp(list, settings.LearningRate, settings.Decay, settings.Epsilon, settings.Momentum),
            OptimizerKind.RmsProp => TorchOptimizer.RmsProp(list, settings),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Kind, "not an optimizer kind"),
        };
    }

    /// <summary>Applies one update from the current gradients; parameters without a gradient are left alone.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        StepCore();
        Steps++;
    }

    /// <summary>Drops every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>The live state tensors, each named <c>{index}.{slot}</c>, in a fixed order; every slot exists from construction on.</summary>
    public abstract IReadOnlyList<(string Name, Tensor Value)> State();

    /// <summary>Sets the step count after a checkpoint's state tensors were loaded into <see cref="State"/>.</summary>
    public void RestoreSteps(long steps)
    {
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, "step count must be >= 0");
        Steps = steps;
        OnStepsRestored(steps);
    }

    protected abstract void StepCore();

    protected virtual void OnStepsRestored(long steps)
    {
    }

    public abstract void Dispose();
}
