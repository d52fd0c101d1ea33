using ImpalaAkka.Impala.Settings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning.Optim;

/// <summary>
/// One of TorchSharp's optimizers (<c>torch.optim.RMSProp</c>, <c>Adam</c>, <c>SGD</c>), with its
/// per-parameter state exposed as named tensors for checkpoints. Every slot is allocated up front
/// (SGD's momentum buffer included), so a checkpoint always has the same entries.
/// </summary>
public sealed class TorchOptimizer : LearnerOptimizer
{
    private readonly OptimizerHelper optimizer;
    private readonly optim.ILearningRateController group;
    private readonly Func<OptimizerState, IEnumerable<(string Slot, Tensor Value)>> slots;
    private readonly Action<OptimizerState, long> setStep;

    private TorchOptimizer(IReadOnlyList<Parameter> parameters, string kind, OptimizerHelper optimizer,
        Func<OptimizerState, IEnumerable<(string, Tensor)>> slots, Action<OptimizerState, long> setStep)
        : base(parameters)
    {
        Kind = kind;
        this.optimizer = optimizer;
        group = optimizer.ParamGroups.Single();
        this.slots = slots;
        this.setStep = setStep;
    }

    public override string Kind { get; }

    public override double LearningRate
    {
        get => group.LearningRate;
        set => group.LearningRate = value;
    }

    /// <summary>PyTorch's RMSProp: lr g / (sqrt(ms) + eps), ms starting at 0.</summary>
    public static TorchOptimizer RmsProp(IReadOnlyList<Parameter> parameters, OptimizerSettings s)
    {
        var momentum = s.Momentum;
        return new(parameters, "rmsprop", optim.RMSProp(parameters, s.LearningRate, alpha: s.Decay, eps: s.Epsilon, momentum: momentum),
            state => state is RMSProp.State r
                ? momentum > 0 ? [("square_avg", r.square_avg), ("momentum_buffer", r.momentum_buffer)] : [("square_avg", r.square_avg)]
                : throw Unexpected(state),
            (state, step) => ((RMSProp.State)state).step = step);
    }

    /// <summary>Adam with bias correction, PyTorch's defaults for the betas.</summary>
    public static TorchOptimizer Adam(IReadOnlyList<Parameter> parameters, OptimizerSettings s) =>
        new(parameters, "adam", optim.Adam(parameters, s.LearningRate, eps: s.Epsilon),
            state => state is TorchSharp.Modules.Adam.State a ? [("exp_avg", a.exp_avg), ("exp_avg_sq", a.exp_avg_sq)] : throw Unexpected(state),
            (state, step) => ((TorchSharp.Modules.Adam.State)state).step = step);

    /// <summary>
    /// SGD with optional momentum. The buffer is allocated at zero rather than on the first step;
    /// with no dampening the first step then sets it to the gradient, as PyTorch's lazy copy does.
    /// </summary>
    public static TorchOptimizer Sgd(IReadOnlyList<Parameter> parameters, OptimizerSettings s)
    {
        var sgd = optim.SGD(parameters, s.LearningRate, momentum: s.Momentum);
        if (s.Momentum > 0)
        {
            using var noGrad = no_grad();
            foreach (var (state, parameter) in sgd.state_dict().State.Cast<SGD.State>().Zip(parameters))
            {
                state.momentum_buffer ??= zeros_like(parameter).DetachFromDisposeScope();
            }
        }
        var momentum = s.Momentum;
        return new(parameters, "sgd", sgd,
            state => state is SGD.State g ? momentum > 0 ? [("momentum_buffer", g.momentum_buffer)] : [] : throw Unexpected(state),
            (_, _) => { });
    }

    protected override void StepCore() => optimizer.step();

    public override IReadOnlyList<(string Name, Tensor Value)> State()
    {
        var state = new List<(string, Tensor)>();
        var states = optimizer.state_dict().State;
        for (var i = 0; i < states.Count; i++)
        {
            foreach (var (slot, value) in slots(states[i])) state.Add(($"{i}.{slot}", value));
        }
        return state;
    }

    protected override void OnStepsRestored(long steps)
    {
        foreach (var state in optimizer.state_dict().State) setStep(state, steps);
    }

    private static InvalidOperationException Unexpected(OptimizerState state) => new($"unexpected optimizer state {state.GetType().Name}");

    public override void Dispose()
    {
        optimizer.Dispose();
        GC.SuppressFinalize(this);
    }
}
