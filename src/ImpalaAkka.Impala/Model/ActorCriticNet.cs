using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Torch;
using ImpalaAkka.Torch.Modules;

namespace ImpalaAkka.Impala.Model;

/// <summary>
/// The agent: a torso (MLP, or conv 3x3 + FC for grids) and two linear heads, policy logits
/// [N, A] and baseline V(x) [N]. Parameter order (torso, policy, baseline) is fixed: it is the
/// order of <see cref="PolicyParameters"/>, optimizer state and checkpoints.
/// </summary>
public sealed class ActorCriticNet : Module
{
    private readonly Sequential torso;
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
        policy = RegisterModule("policy", new Linear(width, spec.ActionCount));
        baseline = RegisterModule("baseline", new Linear(width, 1));
    }

    public string Kind { get; }

    public int[] ObservationShape { get; }

    public int ObservationSize => ObservationShape.Aggregate(1, (a, b) => a * b);

    public int ActionCount { get; }

    /// <summary>MLP hidden sizes (empty for conv).</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    /// <summary>observations [N, obs...] -> (logits [N, A], baseline [N]).</summary>
    public (Tensor Logits, Tensor Baseline) Forward(Tensor observations)
    {
        using var scope = DisposeScope.Begin();
        var features = torso.Forward(observations);
        var logits = scope.MoveToOuter(policy.Forward(features));
        var value = scope.MoveToOuter(baseline.Forward(features).Squeeze(-1));
        return (logits, value);
    }
}
