namespace ImpalaAkka.Torch.Optim;

/// <summary>
/// RMSProp: ms = decay * ms + (1 - decay) * g^2; mom = momentum * mom + lr * g / denom(ms, eps); p -= mom.
/// The paper's defaults are decay 0.99, eps 0.01, momentum 0, with <see cref="RmsPropEpsilon.InsideSqrt"/>.
/// </summary>
public sealed class RmsProp : Optimizer
{
    public RmsProp(IReadOnlyList<Tensor> parameters, double learningRate, double decay = 0.99, double epsilon = 0.01,
        double momentum = 0, RmsPropEpsilon epsilonPlacement = RmsPropEpsilon.InsideSqrt)
        : base(parameters, learningRate)
    {
        if (decay is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(decay), decay, "decay must be in [0, 1]");
        if (epsilon <= 0) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be > 0");
        if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be >= 0");
        Decay = decay;
        Epsilon = epsilon;
        Momentum = momentum;
        EpsilonPlacement = epsilonPlacement;
    }

    public double Decay { get; }

    public double Epsilon { get; }

    public double Momentum { get; }

    public RmsPropEpsilon EpsilonPlacement { get; }

    protected override void Update(Tensor parameter, Tensor grad, int index)
    {
        var initial = EpsilonPlacement == RmsPropEpsilon.InsideSqrt ? 1.0 : 0.0;
        var meanSquare = Slot(index, "mean_square", () => Tensor.Full(parameter.Shape, initial, parameter.DType, parameter.Device));
        meanSquare.MulInPlace(Decay).AddcmulInPlace(grad, grad, 1 - Decay);
        var denominator = EpsilonPlacement == RmsPropEpsilon.InsideSqrt
            ? meanSquare.Add(Epsilon).SqrtInPlace()
            : meanSquare.Sqrt().AddInPlace(Epsilon);
        if (Momentum > 0)
        {
            var buffer = Slot(index, "momentum", () => Tensor.Zeros(parameter.Shape, parameter.DType, parameter.Device));
            buffer.MulInPlace(Momentum).AddcdivInPlace(grad, denominator, LearningRate);
            parameter.AddInPlace(buffer, -1);
        }
        else
        {
            parameter.AddcdivInPlace(grad, denominator, -LearningRate);
        }
    }
}
