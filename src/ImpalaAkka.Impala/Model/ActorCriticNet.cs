using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Torch;
using ImpalaAkka.Torch.Modules;

namespace ImpalaAkka.Impala.Model;

/// <summary>
/// The agent: a torso (MLP, or conv 3x3 + FC for grids), an optional LSTM core, and two linear
/// heads, policy logits [N, A] and baseline V(x) [N]. Parameter order (torso, core, policy,
/// baseline) is fixed: it is the order of <see cref="PolicyParameters"/>, optimizer state and
/// checkpoints. A recurrent agent's state is (h, c), carried as one [N, 2H] tensor.
/// </summary>
public sealed class ActorCriticNet : Module
{
    private readonly Sequential torso;
    private readonly LstmCell? core;
    private readonly Linear policy;
    private readonly Linear baseline;

    public ActorCriticNet(ModelSettings model, EnvironmentSpec spec)
    {
        Kind = model.Kind;
        ObservationShape = spec.ObservationShape;
        ActionCount = spec.ActionCount;
        int width;
        if (model.Kind == "conv")
        {
            var (c, h, w) = (spec.ObservationShape[0], spec.ObservationShape[1], spec.ObservationShape[2]);
            torso = new Sequential(new Conv2d(c, model.ConvChannels, 3, padding: 1), new Relu(), new Flatten(),
                new Linear((long)model.ConvChannels * h * w, model.Fc), new Relu());
            width = model.Fc;
            HiddenSizes = [];
        }
        else
        {
            var layers = new List<Layer> { new Flatten() };
            var input = spec.ObservationSize;
            foreach (var size in model.Hidden)
            {
                layers.Add(new Linear(input, size));
                layers.Add(new Relu());
                input = size;
            }
            torso = new Sequential([.. layers]);
            width = input;
            HiddenSizes = model.Hidden;
        }
        RegisterModule("torso", torso);
        if (model.Lstm)
        {
            core = RegisterModule("core", new LstmCell(width, model.LstmSize));
            width = model.LstmSize;
        }
        policy = RegisterModule("policy", new Linear(width, spec.ActionCount));
        baseline = RegisterModule("baseline", new Linear(width, 1));
    }

    public string Kind { get; }

    public int[] ObservationShape { get; }

    public int ObservationSize => ObservationShape.Aggregate(1, (a, b) => a * b);

    public int ActionCount { get; }

    /// <summary>MLP hidden sizes (empty for conv).</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    public bool IsRecurrent => core is not null;

    /// <summary>Floats of recurrent state per environment: 2H (h then c), or 0.</summary>
    public int StateSize => core is null ? 0 : 2 * (int)core.HiddenSize;

    /// <summary>Feed-forward agents: observations [N, obs...] -> (logits [N, A], baseline [N]).</summary>
    public (Tensor Logits, Tensor Baseline) Forward(Tensor observations)
    {
        if (core is not null) throw new InvalidOperationException("a recurrent agent needs its state: use ForwardStep or ForwardSequence");
        using var scope = DisposeScope.Begin();
        var features = torso.Forward(observations);
        return Heads(scope, features);
    }

    /// <summary>One step of a recurrent agent: observations [N, obs...], state [N, 2H] -> (logits [N, A], baseline [N], next state [N, 2H]).</summary>
    public (Tensor Logits, Tensor Baseline, Tensor State) ForwardStep(Tensor observations, Tensor state)
    {
        var cell = core ?? throw new InvalidOperationException("ForwardStep is for recurrent agents");
        using var scope = DisposeScope.Begin();
        var hs = cell.HiddenSize;
        var (h, c) = cell.Forward(torso.Forward(observations), state.Slice(1, 0, hs), state.Slice(1, hs, 2 * hs));
        var (logits, value) = Heads(scope, h);
        return (logits, value, scope.MoveToOuter(Tensor.Cat([h, c], 1)));
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
        using var scope = DisposeScope.Begin();
        var steps = keep.Size(0);
        var b = keep.Size(1);
        var hs = cell.HiddenSize;
        var features = torso.Forward(observations).View(steps, b, -1);      // [S, B, F]
        var h = initialState.Slice(1, 0, hs);                                // [B, H]
        var c = initialState.Slice(1, hs, 2 * hs);                           // [B, H]
        var outputs = new List<Tensor>((int)steps);
        for (var s = 0; s < steps; s++)
        {
            var mask = keep.Select(0, s).Unsqueeze(1);                       // [B, 1]
            (h, c) = cell.Forward(features.Select(0, s), h * mask, c * mask);
            outputs.Add(h);
        }
        return Heads(scope, Tensor.Stack(outputs).View(steps * b, hs));
    }

    private (Tensor Logits, Tensor Baseline) Heads(DisposeScope scope, Tensor features) =>
        (scope.MoveToOuter(policy.Forward(features)), scope.MoveToOuter(baseline.Forward(features).Squeeze(-1)));
}
