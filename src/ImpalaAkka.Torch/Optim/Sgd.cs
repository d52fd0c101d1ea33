namespace ImpalaAkka.Torch.Optim;

/// <summary>Stochastic gradient descent with optional (heavy-ball) momentum, as <c>torch.optim.SGD</c>.</summary>
public sealed class Sgd : Optimizer
{
    public Sgd(IReadOnlyList<Tensor> parameters, double learningRate, double momentum = 0)
        : base(parameters, learningRate)
    {
        if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "momentum must be >= 0");
        Momentum = momentum;
    }

    public double Momentum { get; }

    protected override void Update(Tensor parameter, Tensor grad, int index)
    {
        if (Momentum > 0)
        {
            var fresh = false;
            var buffer = Slot(index, "momentum", () =>
            {
                fresh = true;
                return grad.Clone();
            });
            if (!fresh)
            {
                buffer.MulInPlace(Momentum).AddInPlace(grad);
            }
            parameter.AddInPlace(buffer, -LearningRate);
        }
        else
        {
            parameter.AddInPlace(grad, -LearningRate);
        }
    }
}
