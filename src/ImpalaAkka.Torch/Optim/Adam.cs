namespace ImpalaAkka.Torch.Optim;

/// <summary>Adam (Kingma and Ba) with bias correction, as <c>torch.optim.Adam</c> without weight decay.</summary>
public sealed class Adam : Optimizer
{
    public Adam(IReadOnlyList<Tensor> parameters, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
        : base(parameters, learningRate)
    {
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1)");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1)");
        if (epsilon <= 0) throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be > 0");
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
    }

    public double Beta1 { get; }

    public double Beta2 { get; }

    public double Epsilon { get; }

    protected override void Update(Tensor parameter, Tensor grad, int index)
    {
        var m = Slot(index, "exp_avg", () => Tensor.Zeros(parameter.Shape, parameter.DType, parameter.Device));
        var v = Slot(index, "exp_avg_sq", () => Tensor.Zeros(parameter.Shape, parameter.DType, parameter.Device));
        m.MulInPlace(Beta1).AddInPlace(grad, 1 - Beta1);
        v.MulInPlace(Beta2).AddcmulInPlace(grad, grad, 1 - Beta2);
        var correction1 = 1 - Math.Pow(Beta1, StepCount);
        var correction2 = 1 - Math.Pow(Beta2, StepCount);
        var denominator = v.Sqrt().MulInPlace(1 / Math.Sqrt(correction2)).AddInPlace(Epsilon);
        parameter.AddcdivInPlace(m, denominator, -LearningRate / correction1);
    }
}
