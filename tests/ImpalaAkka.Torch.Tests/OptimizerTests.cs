using ImpalaAkka.Torch.Optim;

namespace ImpalaAkka.Torch.Tests;

public sealed class OptimizerTests
{
    // One parameter p = [1, -2] with loss sum(p^2 * [1, 3] / 2): grad = [1, -6].
    private static Tensor Parameter()
    {
        var p = DisposeScope.Detach(Tensor.From<double>([1, -2]));
        p.RequiresGrad = true;
        return p;
    }

    private static void Backward(Tensor p)
    {
        using var scope = DisposeScope.Begin();
        (p.Square() * Tensor.From<double>([0.5, 1.5])).Sum().Backward();
    }

    [Fact]
    public void RmsProp_InsideSqrt_MatchesTf1Formula()
    {
        using var p = Parameter();
        using var opt = new RmsProp([p], learningRate: 0.1, decay: 0.9, epsilon: 0.01);
        Backward(p);
        opt.Step();
        double[] g = [1, -6], p0 = [1, -2];
        var expected = p0.Select((v, i) =>
        {
            var ms = 0.9 * 1.0 + 0.1 * g[i] * g[i]; // TF1 starts the mean square at 1
            return v - 0.1 * g[i] / Math.Sqrt(ms + 0.01);
        });
        TensorTests.AssertClose(expected, p.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void RmsProp_OutsideSqrt_MatchesPyTorchFormula()
    {
        using var p = Parameter();
        using var opt = new RmsProp([p], learningRate: 0.1, decay: 0.9, epsilon: 0.01, epsilonPlacement: RmsPropEpsilon.OutsideSqrt);
        Backward(p);
        opt.Step();
        double[] g = [1, -6], p0 = [1, -2];
        var expected = p0.Select((v, i) => v - 0.1 * g[i] / (Math.Sqrt(0.1 * g[i] * g[i]) + 0.01));
        TensorTests.AssertClose(expected, p.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void RmsProp_WithMomentum_AccumulatesUpdates()
    {
        using var p = Parameter();
        using var opt = new RmsProp([p], learningRate: 0.1, decay: 0.9, epsilon: 0.01, momentum: 0.5);
        double[] x = [1, -2], ms = [1, 1], mom = [0, 0];
        for (var step = 0; step < 2; step++)
        {
            opt.ZeroGrad();
            Backward(p);
            opt.Step();
            for (var i = 0; i < 2; i++)
            {
                var g = x[i] * (i == 0 ? 1 : 3);
                ms[i] = 0.9 * ms[i] + 0.1 * g * g;
                mom[i] = 0.5 * mom[i] + 0.1 * g / Math.Sqrt(ms[i] + 0.01);
                x[i] -= mom[i];
            }
        }
        TensorTests.AssertClose(x, p.ToArray<double>(), 1e-12);
        Assert.Equal(2, opt.StepCount);
    }

    [Fact]
    public void Adam_MatchesFormulaOverTwoSteps()
    {
        using var p = Parameter();
        using var opt = new Adam([p], learningRate: 0.01);
        double[] x = [1, -2], m = [0, 0], v = [0, 0];
        for (var t = 1; t <= 2; t++)
        {
            opt.ZeroGrad();
            Backward(p);
            opt.Step();
            for (var i = 0; i < 2; i++)
            {
                var g = x[i] * (i == 0 ? 1 : 3);
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                var mHat = m[i] / (1 - Math.Pow(0.9, t));
                var vHat = v[i] / (1 - Math.Pow(0.999, t));
                x[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }
        TensorTests.AssertClose(x, p.ToArray<double>(), 1e-10);
    }

    [Fact]
    public void Sgd_WithAndWithoutMomentum_MatchesFormula()
    {
        using var p = Parameter();
        using var opt = new Sgd([p], learningRate: 0.1, momentum: 0.9);
        double[] x = [1, -2], buf = [0, 0];
        for (var t = 0; t < 3; t++)
        {
            opt.ZeroGrad();
            Backward(p);
            opt.Step();
            for (var i = 0; i < 2; i++)
            {
                var g = x[i] * (i == 0 ? 1 : 3);
                buf[i] = t == 0 ? g : 0.9 * buf[i] + g;
                x[i] -= 0.1 * buf[i];
            }
        }
        TensorTests.AssertClose(x, p.ToArray<double>(), 1e-12);

        using var q = Parameter();
        using var plain = new Sgd([q], learningRate: 0.1);
        Backward(q);
        plain.Step();
        TensorTests.AssertClose([0.9, -2 + 0.6], q.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void ClipGlobalNorm_ScalesAllGradientsTogether()
    {
        using var p = Parameter();
        Backward(p); // grad [1, -6], norm sqrt(37)
        var norm = GradientClipping.ClipGlobalNorm([p], maxNorm: 1);
        Assert.Equal(Math.Sqrt(37), norm, 12);
        using var grad = p.Grad!;
        var scale = 1 / (Math.Sqrt(37) + 1e-6);
        TensorTests.AssertClose([scale, -6 * scale], grad.ToArray<double>(), 1e-12);
    }

    [Fact]
    public void ClipGlobalNorm_BelowThreshold_LeavesGradients()
    {
        using var p = Parameter();
        Backward(p);
        Assert.Equal(Math.Sqrt(37), GradientClipping.ClipGlobalNorm([p], maxNorm: 40), 12);
        using var grad = p.Grad!;
        Assert.Equal([1.0, -6], grad.ToArray<double>());
    }

    [Theory]
    [InlineData(0, 6e-4)]
    [InlineData(250, 4.5e-4)]
    [InlineData(1000, 0)]
    [InlineData(2000, 0)]
    public void LinearDecay_FallsToZeroAtTotalSteps(long step, double expected)
    {
        Assert.Equal(expected, new LinearDecaySchedule(6e-4, 1000).At(step), 15);
    }

    [Fact]
    public void StateDict_RestoresOptimizerSoNextStepIsIdentical()
    {
        using var a = Parameter();
        using var optA = new RmsProp([a], learningRate: 0.1, momentum: 0.3);
        for (var i = 0; i < 3; i++)
        {
            optA.ZeroGrad();
            Backward(a);
            optA.Step();
        }
        using var b = DisposeScope.Detach(a.Detach().Clone());
        b.RequiresGrad = true;
        using var optB = new RmsProp([b], learningRate: 0.1, momentum: 0.3);
        optB.LoadStateDict(optA.StateDict(), optA.StepCount);
        Assert.Equal(3, optB.StepCount);
        foreach (var (p, opt) in new[] { (a, (Optimizer)optA), (b, optB) })
        {
            opt.ZeroGrad();
            Backward(p);
            opt.Step();
        }
        Assert.Equal(a.ToArray<double>(), b.ToArray<double>());
    }

    [Fact]
    public void LoadStateDict_ShapeMismatch_IsRefused()
    {
        using var a = Parameter();
        using var opt = new RmsProp([a], learningRate: 0.1);
        using var scope = DisposeScope.Begin();
        var saved = new StateDict();
        saved.Add("0.mean_square", Tensor.Zeros([3], ScalarType.Float64));
        var e = Assert.Throws<StateDictException>(() => opt.LoadStateDict(saved, 1, "ckpt.iat"));
        Assert.Contains("ckpt.iat: entry '0.mean_square' is [3], parameter 0 is [2]", e.Message);
    }

    [Fact]
    public void Constructors_RejectBadHyperparameters()
    {
        using var p = Parameter();
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp([p], -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RmsProp([p], 0.1, epsilon: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], 0.1, beta1: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearDecaySchedule(0.1, 0));
    }
}
