using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Model;

/// <summary>
/// The agent: a torso (MLP; for grids conv 3x3 + FC, or the shallow two-conv torso), an optional LSTM core, and two linear
/// heads, policy logits [N, A] and baseline V(x) [N]. Submodules are registered in a fixed order
/// (torso, core, policy, baseline): it is the order of <see cref="PolicyParameters"/>, optimizer
/// state and checkpoints. A recurrent agent's state is (h, c), carried as one [N, 2H] tensor.
/// </summary>
public sealed class ActorCriticNet : nn.Module<Tensor, (Tensor Logits, Tensor Baseline)>
{
    private readonly Sequential torso;
    private readonly LSTMCell? core;
    private readonly Linear policy;
    private readonly Linear baseline;

    /// <exception cref="ArgumentException">The model settings do not fit the environment (checked before libtorch sees a shape).</exception>
    public ActorCriticNet(ModelSettings model, EnvironmentSpec spec) : base(nameof(ActorCriticNet))
    {
        ModelShapes.Check(model, spec);
        ObservationShape = spec.ObservationShape;
        ActionCount = spec.ActionCount;
        int width;
        if (model.Kind == ModelKind.Conv)
        {
            var (c, h, w) = (spec.ObservationShape[0], spec.ObservationShape[1], spec.ObservationShape[2]);
            torso = nn.Sequential(
                nn.Conv2d(c, model.ConvChannels, 3, padding: 1), nn.ReLU(), nn.Flatten(),
                nn.Linear((long)model.ConvChannels * h * w, model.Fc), nn.ReLU());
            width = model.Fc;
            HiddenSizes = [];
        }
        else if (model.Kind == ModelKind.Shallow)
        {
            // IMPALA's shallow torso (conv 8x8/4 16 ch, conv 4x4/2 32 ch, FC 256) is made for 84x84
            // frames; its strides would shrink a 10x10 grid to 1x1. Stride-1, padding-1 3x3 kernels
            // keep every cell, and the two layers together see a 5x5 neighbourhood.
            var (c, h, w) = (spec.ObservationShape[0], spec.ObservationShape[1], spec.ObservationShape[2]);
            var (c1, c2) = (model.ShallowChannels[0], model.ShallowChannels[1]);
            torso = nn.Sequential(
                nn.Conv2d(c, c1, 3, padding: 1), nn.ReLU(), nn.Conv2d(c1, c2, 3, padding: 1), nn.ReLU(), nn.Flatten(),
                nn.Linear((long)c2 * h * w, model.ShallowFc), nn.ReLU());
            width = model.ShallowFc;
            HiddenSizes = [];
        }
        else
        {
            var layers = new List<nn.Module<Tensor, Tensor>> { nn.Flatten() };
            var input = spec.ObservationSize;
            foreach (var size in model.Hidden)
            {
                layers.Add(nn.Linear(input, size));
                layers.Add(nn.ReLU());
                input = size;
            }
            torso = nn.Sequential(layers);
            width = input;
            HiddenSizes = model.Hidden;
        }
        register_module("torso", torso);
        if (model.Lstm)
        {
            core = nn.LSTMCell(width, model.LstmSize);
            register_module("core", core);
            width = model.LstmSize;
            StateSize = 2 * model.LstmSize;
        }
        policy = nn.Linear(width, spec.ActionCount);
        baseline = nn.Linear(width, 1);
        register_module("policy", policy);
        register_module("baseline", baseline);
    }

    public int[] ObservationShape { get; }

    public int ObservationSize => ObservationShape.Aggregate(1, (a, b) => a * b);

    public int ActionCount { get; }

    /// <summary>MLP hidden sizes (empty for the grid torsos).</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    public bool IsRecurrent => core is not null;

    /// <summary>Floats of recurrent state per environment: 2H (h then c), or 0.</summary>
    public int StateSize { get; }

    /// <summary>Feed-forward agents: observations [N, obs...] -> (logits [N, A], baseline [N]).</summary>
    public override (Tensor Logits, Tensor Baseline) forward(Tensor observations)
    {
        if (core is not null) throw new InvalidOperationException("a recurrent agent needs its state: use ForwardStep or ForwardSequence");
        using var scope = NewDisposeScope();
        var (logits, value) = Heads(torso.call(observations));
        return scope.MoveToOuter(logits, value);
    }

    /// <summary>One step of a recurrent agent: observations [N, obs...], state [N, 2H] -> (logits [N, A], baseline [N], next state [N, 2H]).</summary>
    public (Tensor Logits, Tensor Baseline, Tensor State) ForwardStep(Tensor observations, Tensor state)
    {
        var cell = core ?? throw new InvalidOperationException("ForwardStep is for recurrent agents");
        using var scope = NewDisposeScope();
        var hs = StateSize / 2;
        var (h, c) = cell.call(torso.call(observations), (state.narrow(1, 0, hs), state.narrow(1, hs, hs)));
        var (logits, value) = Heads(h);
        return scope.MoveToOuter(logits, value, cat([h, c], 1));
    }

    /// <summary>
    /// A recurrent agent over a time-major sequence: observations [S * B, obs...] (S steps of B),
    /// initial state [B, 2H], and <paramref name="keep"/> [S, B], the factor applied to the state
    /// before step s (0 where an episode starts at s). Returns logits [S * B, A] and baseline [S * B].
    /// The torso runs once over all steps; only the core loops over time.
    /// </summary>
    public (Tensor Logits, Tensor Baseline) ForwardSequence(Tensor observations, Tensor initialState, Tensor keep)
    {
        var cell = core ?? throw new InvalidOperationException("ForwardSequence is for recurrent agents");
        using var scope = NewDisposeScope();
        var steps = keep.shape[0];
        var b = keep.shape[1];
        var hs = StateSize / 2;
        var features = torso.call(observations).view(steps, b, -1);    // [S, B, F]
        var h = initialState.narrow(1, 0, hs);                          // [B, H]
        var c = initialState.narrow(1, hs, hs);                         // [B, H]
        var outputs = new List<Tensor>((int)steps);
        for (var s = 0; s < steps; s++)
        {
            var mask = keep[s].unsqueeze(1);                            // [B, 1]
            (h, c) = cell.call(features[s], (h * mask, c * mask));
            outputs.Add(h);
        }
        var (logits, value) = Heads(stack(outputs).view(steps * b, hs));
        return scope.MoveToOuter(logits, value);
    }

    private (Tensor Logits, Tensor Baseline) Heads(Tensor features) =>
        (policy.call(features), baseline.call(features).squeeze(-1));
}
