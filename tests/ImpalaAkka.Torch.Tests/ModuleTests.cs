using ImpalaAkka.Torch.Modules;

namespace ImpalaAkka.Torch.Tests;

public sealed class ModuleTests
{
    [Fact]
    public void Linear_MatchesNaiveMatrixProduct()
    {
        Libtorch.ManualSeed(1);
        using var linear = new Linear(3, 2);
        using var scope = DisposeScope.Begin();
        float[] x = [1, -2, 0.5f, 3, 0, -1];
        var w = linear.Weight.ToArray<float>();
        var b = linear.Bias!.ToArray<float>();
        var y = linear.Forward(Tensor.From<float>(x, [2, 3])).ToArray<float>();
        for (var n = 0; n < 2; n++)
        {
            for (var o = 0; o < 2; o++)
            {
                double expected = b[o];
                for (var i = 0; i < 3; i++)
                {
                    expected += x[3 * n + i] * w[3 * o + i];
                }
                Assert.Equal(expected, y[2 * n + o], 5);
            }
        }
    }

    [Fact]
    public void Conv2d_MatchesNaiveConvolution()
    {
        Libtorch.ManualSeed(2);
        using var conv = new Conv2d(2, 3, 3, stride: 1, padding: 1);
        using var scope = DisposeScope.Begin();
        const int c = 2, h = 4, wd = 5, o = 3, k = 3;
        var x = Enumerable.Range(0, c * h * wd).Select(i => (float)Math.Sin(i)).ToArray();
        var w = conv.Weight.ToArray<float>();
        var b = conv.Bias!.ToArray<float>();
        var y = conv.Forward(Tensor.From<float>(x, [1, c, h, wd])).ToArray<float>();
        Assert.Equal(o * h * wd, y.Length);
        for (var oc = 0; oc < o; oc++)
        for (var r = 0; r < h; r++)
        for (var col = 0; col < wd; col++)
        {
            double sum = b[oc];
            for (var ic = 0; ic < c; ic++)
            for (var kr = 0; kr < k; kr++)
            for (var kc = 0; kc < k; kc++)
            {
                int rr = r + kr - 1, cc = col + kc - 1;
                if (rr >= 0 && rr < h && cc >= 0 && cc < wd)
                {
                    sum += x[(ic * h + rr) * wd + cc] * w[((oc * c + ic) * k + kr) * k + kc];
                }
            }
            Assert.Equal(sum, y[(oc * h + r) * wd + col], 4);
        }
    }

    [Fact]
    public void Sequential_NamesParametersByPosition_AndChainsLayers()
    {
        using var net = new Sequential(new Linear(4, 8), new Relu(), new Linear(8, 2));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], net.NamedParameters().Select(p => p.Key));
        Assert.Equal(4 * 8 + 8 + 8 * 2 + 2, net.ParameterCount());
        using var scope = DisposeScope.Begin();
        Assert.Equal([5L, 2L], net.Forward(Tensor.Zeros([5, 4])).Shape.ToArray());
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
    }

    [Fact]
    public void Flatten_KeepsBatchDimension()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal([2L, 60L], new Flatten().Forward(Tensor.Zeros([2, 3, 4, 5])).Shape.ToArray());
    }

    [Fact]
    public void LstmCell_MatchesNaiveReference()
    {
        Libtorch.ManualSeed(3);
        const int batch = 2, input = 3, hidden = 4;
        using var cell = new LstmCell(input, hidden);
        using var scope = DisposeScope.Begin();
        var x = Enumerable.Range(0, batch * input).Select(i => (float)Math.Cos(i)).ToArray();
        var h0 = Enumerable.Range(0, batch * hidden).Select(i => (float)(0.1 * i - 0.3)).ToArray();
        var c0 = Enumerable.Range(0, batch * hidden).Select(i => (float)(0.05 * i)).ToArray();
        var (h1, c1) = cell.Forward(Tensor.From<float>(x, [batch, input]), Tensor.From<float>(h0, [batch, hidden]), Tensor.From<float>(c0, [batch, hidden]));
        var wih = cell.WeightIh.ToArray<float>();
        var whh = cell.WeightHh.ToArray<float>();
        var bih = cell.BiasIh.ToArray<float>();
        var bhh = cell.BiasHh.ToArray<float>();
        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        var hActual = h1.ToArray<float>();
        var cActual = c1.ToArray<float>();
        for (var n = 0; n < batch; n++)
        {
            var gates = new double[4 * hidden];
            for (var g = 0; g < 4 * hidden; g++)
            {
                gates[g] = bih[g] + bhh[g];
                for (var i = 0; i < input; i++) gates[g] += x[n * input + i] * wih[g * input + i];
                for (var j = 0; j < hidden; j++) gates[g] += h0[n * hidden + j] * whh[g * hidden + j];
            }
            for (var j = 0; j < hidden; j++)
            {
                double ig = Sigmoid(gates[j]), fg = Sigmoid(gates[hidden + j]);
                double gg = Math.Tanh(gates[2 * hidden + j]), og = Sigmoid(gates[3 * hidden + j]);
                var c = fg * c0[n * hidden + j] + ig * gg;
                var h = og * Math.Tanh(c);
                Assert.Equal(c, cActual[n * hidden + j], 5);
                Assert.Equal(h, hActual[n * hidden + j], 5);
            }
        }
        h1.Dispose();
        c1.Dispose();
    }

    [Fact]
    public void ModuleDispose_ReleasesParameters()
    {
        var net = new Sequential(new Linear(2, 2), new Linear(2, 1));
        net.Dispose();
        Assert.All(net.Parameters(), p => Assert.True(p.IsDisposed));
    }
}
