using ImpalaAkka.Impala.Learning.Optim;
using ImpalaAkka.Impala.Settings;
using TorchSharp.Modules;
using static ImpalaAkka.Impala.Tests.Learning.Optim.OptimizerTestKit;

namespace ImpalaAkka.Impala.Tests.Learning.Optim;

public sealed class TorchOptimizerTests
{
    // The learner sets the rate before every step (its linear schedule), so the references do too.
    private static double RateAt(double initial, int step) => initial * (1 - 0.2 * step);

    private static OptimizerSettings Settings(OptimizerKind kind, double learningRate, double decay = 0.99, double epsilon = 0.01,
        double momentum = 0, EpsilonPlacement placement = EpsilonPlacement.OutsideSqrt) =>
        new(kind, learningRate, decay, epsilon, momentum, placement, LrDecayFrames: 1000);

    [Theory]
    [InlineData(0.99, 0.01, 0.0, 6e-4)]
    [InlineData(0.9, 1e-8, 0.0, 0.1)]
    [InlineData(0.9, 0.1, 0.5, 0.05)]
    [InlineData(0.5, 0.01, 0.9, 0.2)]
    public void RmsPropOutsideSqrt_FixedGradients_MatchesPyTorchFormula(double decay, double epsilon, double momentum, double learningRate)
    {
        using var p = NewParameter(Start);
        using var optimizer = LearnerOptimizer.Create(Settings(OptimizerKind.RmsProp, learningRate, decay, epsilon, momentum), [p]);
        Assert.IsType<TorchOptimizer>(optimizer);
        var x = (double[])Start.Clone();
        var squareAvg = new double[Start.Length]; // PyTorch starts the mean square at 0, TF1 at 1
        var buffer = new double[Start.Length];
        StepAlongside(optimizer, p, x, step => RateAt(learningRate, step), (_, rate, g, i) =>
        {
            squareAvg[i] = decay * squareAvg[i] + (1 - decay) * g * g;
            var avg = Math.Sqrt(squareAvg[i]) + epsilon;
            if (momentum > 0)
            {
                buffer[i] = momentum * buffer[i] + g / avg;
                x[i] -= rate * buffer[i];
            }
            else
            {
                x[i] -= rate * g / avg;
            }
        });
        var state = optimizer.State();
        AssertClose(squareAvg, Values(state.Single(s => s.Name == "0.square_avg").Value), "square_avg");
        if (momentum > 0) AssertClose(buffer, Values(state.Single(s => s.Name == "0.momentum_buffer").Value), "momentum_buffer");
        Assert.Equal(Gradients.Length, optimizer.Steps);
    }

    [Theory]
    [InlineData(1e-3, 1e-8)]
    [InlineData(0.1, 0.01)]
    [InlineData(0.5, 1e-3)]
    public void Adam_FixedGradients_MatchesBiasCorrectedFormula(double learningRate, double epsilon)
    {
        const double beta1 = 0.9, beta2 = 0.999;
        using var p = NewParameter(Start);
        using var optimizer = LearnerOptimizer.Create(Settings(OptimizerKind.Adam, learningRate, epsilon: epsilon), [p]);
        var x = (double[])Start.Clone();
        var m = new double[Start.Length];
        var v = new double[Start.Length];
        StepAlongside(optimizer, p, x, step => RateAt(learningRate, step), (step, rate, g, i) =>
        {
            var t = step + 1;
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            var mHat = m[i] / (1 - Math.Pow(beta1, t));
            var vHat = v[i] / (1 - Math.Pow(beta2, t));
            x[i] -= rate * mHat / (Math.Sqrt(vHat) + epsilon);
        });
        var state = optimizer.State();
        AssertClose(m, Values(state.Single(s => s.Name == "0.exp_avg").Value), "exp_avg");
        AssertClose(v, Values(state.Single(s => s.Name == "0.exp_avg_sq").Value), "exp_avg_sq");
        Assert.Equal("adam", optimizer.Kind);
    }

    [Theory]
    [InlineData(0.1, 0.0)]
    [InlineData(0.1, 0.9)]
    [InlineData(0.02, 0.5)]
    public void Sgd_FixedGradients_MatchesMomentumFormula(double learningRate, double momentum)
    {
        using var p = NewParameter(Start);
        using var optimizer = LearnerOptimizer.Create(Settings(OptimizerKind.Sgd, learningRate, momentum: momentum), [p]);
        var x = (double[])Start.Clone();
        var buffer = new double[Start.Length];
        StepAlongside(optimizer, p, x, step => RateAt(learningRate, step), (step, rate, g, i) =>
        {
            // PyTorch copies the first gradient into the buffer; the pre-allocated zero buffer must give the same.
            buffer[i] = step == 0 ? g : momentum * buffer[i] + g;
            x[i] -= rate * (momentum > 0 ? buffer[i] : g);
        });
        if (momentum > 0) AssertClose(buffer, Values(optimizer.State().Single(s => s.Name == "0.momentum_buffer").Value), "momentum_buffer");
        Assert.Equal("sgd", optimizer.Kind);
    }

    [Theory]
    [InlineData(OptimizerKind.RmsProp, EpsilonPlacement.InsideSqrt, 0.0, "rmsprop-tf1", "mean_square")]
    [InlineData(OptimizerKind.RmsProp, EpsilonPlacement.InsideSqrt, 0.9, "rmsprop-tf1", "mean_square,momentum")]
    [InlineData(OptimizerKind.RmsProp, EpsilonPlacement.OutsideSqrt, 0.0, "rmsprop", "square_avg")]
    [InlineData(OptimizerKind.RmsProp, EpsilonPlacement.OutsideSqrt, 0.9, "rmsprop", "square_avg,momentum_buffer")]
    [InlineData(OptimizerKind.Adam, EpsilonPlacement.OutsideSqrt, 0.0, "adam", "exp_avg,exp_avg_sq")]
    [InlineData(OptimizerKind.Adam, EpsilonPlacement.InsideSqrt, 0.0, "adam", "exp_avg,exp_avg_sq")] // the placement is rmsprop's only
    [InlineData(OptimizerKind.Sgd, EpsilonPlacement.InsideSqrt, 0.0, "sgd", "")]
    [InlineData(OptimizerKind.Sgd, EpsilonPlacement.InsideSqrt, 0.9, "sgd", "momentum_buffer")]
    public void State_BeforeAndAfterSteps_SameNamesAndShapes(OptimizerKind kind, EpsilonPlacement placement, double momentum, string expectedKind, string slots)
    {
        using var a = NewParameter([1, 2, 3]);
        using var b = new Parameter(TorchSharp.torch.ones(2, 2, dtype: TorchSharp.torch.ScalarType.Float64));
        using var optimizer = LearnerOptimizer.Create(Settings(kind, 0.01, momentum: momentum, placement: placement), [a, b]);
        Assert.Equal(expectedKind, optimizer.Kind);
        var slotNames = slots.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var expected = new[] { (Index: 0, Shape: "[3]"), (Index: 1, Shape: "[2, 2]") }
            .SelectMany(p => slotNames.Select(slot => $"{p.Index}.{slot} {p.Shape}"))
            .ToList();

        Assert.Equal(expected, Layout(optimizer));
        for (var step = 0; step < 3; step++)
        {
            SetGradient(a, [1, -1, 0.5]);
            using (var g = TorchSharp.torch.full(2, 2, 0.25, dtype: TorchSharp.torch.ScalarType.Float64)) b.grad = g;
            optimizer.Step();
        }
        Assert.Equal(expected, Layout(optimizer));
    }

    [Theory]
    [InlineData(OptimizerKind.RmsProp, EpsilonPlacement.OutsideSqrt, 0.9)]
    [InlineData(OptimizerKind.Adam, EpsilonPlacement.OutsideSqrt, 0.0)]
    [InlineData(OptimizerKind.Sgd, EpsilonPlacement.OutsideSqrt, 0.9)]
    [InlineData(OptimizerKind.RmsProp, EpsilonPlacement.InsideSqrt, 0.9)]
    public void RestoreSteps_WithCopiedState_ContinuesAsTheOriginal(OptimizerKind kind, EpsilonPlacement placement, double momentum)
    {
        var settings = Settings(kind, 0.05, decay: 0.9, momentum: momentum, placement: placement);
        using var p = NewParameter(Start);
        using var original = LearnerOptimizer.Create(settings, [p]);
        for (var step = 0; step < 2; step++)
        {
            SetGradient(p, Gradients[step]);
            original.Step();
        }

        // What a checkpoint carries: the parameter values, the state tensors and the step count.
        using var q = NewParameter(Values(p));
        using var resumed = LearnerOptimizer.Create(settings, [q]);
        foreach (var ((_, from), (_, to)) in original.State().Zip(resumed.State()))
        {
            using var noGrad = TorchSharp.torch.no_grad();
            to.copy_(from);
        }
        resumed.RestoreSteps(original.Steps);
        Assert.Equal(2, resumed.Steps);

        // Adam's bias correction depends on the step count, so a lost count would show here.
        SetGradient(p, Gradients[2]);
        original.Step();
        SetGradient(q, Gradients[2]);
        resumed.Step();
        AssertClose(Values(p), Values(q), "resumed parameter after the third step");
        Assert.Equal(3, resumed.Steps);
    }

    [Fact]
    public void RestoreSteps_Negative_Throws()
    {
        using var p = NewParameter([1.0]);
        using var optimizer = LearnerOptimizer.Create(Settings(OptimizerKind.Adam, 0.01), [p]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.RestoreSteps(-1));
        Assert.Equal("steps", e.ParamName);
        Assert.Equal(0, optimizer.Steps);
    }

    [Fact]
    public void ZeroGrad_ZeroesGradients_LeavesMissingOnesMissing()
    {
        using var a = NewParameter([1.0, 2.0]);
        using var b = NewParameter([3.0]);
        using var optimizer = LearnerOptimizer.Create(Settings(OptimizerKind.Sgd, 0.1), [a, b]);
        SetGradient(a, [5.0, -5.0]);

        optimizer.ZeroGrad();

        using var grad = a.grad;
        Assert.Equal([0.0, 0.0], Values(grad!));
        Assert.Null(b.grad);
    }

    private static List<string> Layout(LearnerOptimizer optimizer) =>
        [.. optimizer.State().Select(s => $"{s.Name} [{string.Join(", ", s.Value.shape)}]")];
}
