namespace ImpalaAkka.Torch.Modules;

/// <summary>
/// One LSTM step with PyTorch's parameter layout and gate order (input, forget, cell, output):
/// gates = x W_ih^T + b_ih + h W_hh^T + b_hh  [B, 4H];
/// c' = sigmoid(f) * c + sigmoid(i) * tanh(g);  h' = sigmoid(o) * tanh(c').
/// </summary>
public sealed class LstmCell : Module
{
    public LstmCell(long inputSize, long hiddenSize)
    {
        HiddenSize = hiddenSize;
        var bound = 1.0 / Math.Sqrt(hiddenSize);
        WeightIh = RegisterParameter("weight_ih", UniformParameter([4 * hiddenSize, inputSize], bound));
        WeightHh = RegisterParameter("weight_hh", UniformParameter([4 * hiddenSize, hiddenSize], bound));
        BiasIh = RegisterParameter("bias_ih", UniformParameter([4 * hiddenSize], bound));
        BiasHh = RegisterParameter("bias_hh", UniformParameter([4 * hiddenSize], bound));
    }

    public long HiddenSize { get; }

    public Tensor WeightIh { get; }

    public Tensor WeightHh { get; }

    public Tensor BiasIh { get; }

    public Tensor BiasHh { get; }

    /// <summary>x [B, in], h and c [B, H] -> (h', c'), each [B, H]. Temporaries are disposed here.</summary>
    public (Tensor H, Tensor C) Forward(Tensor x, Tensor h, Tensor c)
    {
        using var scope = DisposeScope.Begin();
        var gates = Functional.Linear(x, WeightIh, BiasIh) + Functional.Linear(h, WeightHh, BiasHh); // [B, 4H]
        var hs = HiddenSize;
        var i = gates.Slice(1, 0, hs).Sigmoid();
        var f = gates.Slice(1, hs, 2 * hs).Sigmoid();
        var g = gates.Slice(1, 2 * hs, 3 * hs).Tanh();
        var o = gates.Slice(1, 3 * hs, 4 * hs).Sigmoid();
        var cNext = scope.MoveToOuter(f * c + i * g);
        var hNext = scope.MoveToOuter(o * cNext.Tanh());
        return (hNext, cNext);
    }

    /// <summary>Zero (h, c) for a batch of <paramref name="batchSize"/>.</summary>
    public (Tensor H, Tensor C) InitialState(long batchSize, Device? device = null) =>
        (Tensor.Zeros([batchSize, HiddenSize], device: device), Tensor.Zeros([batchSize, HiddenSize], device: device));
}
