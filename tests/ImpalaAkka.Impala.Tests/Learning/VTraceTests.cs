using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Tests.Learning;

public sealed class VTraceTests
{
    private sealed record Case(int T, int B, double[,] LogRhos, double[,] Discounts, double[,] Rewards, double[,] Values, double[] Bootstrap);

    private static Case RandomCase(int seed, int T, int B, double logRhoScale = 1.0, double zeroDiscountShare = 0.1)
    {
        var rng = new Random(seed);
        var logRhos = new double[T, B];
        var discounts = new double[T, B];
        var rewards = new double[T, B];
        var values = new double[T, B];
        for (var t = 0; t < T; t++)
        for (var b = 0; b < B; b++)
        {
            logRhos[t, b] = (rng.NextDouble() * 2 - 1) * logRhoScale;
            discounts[t, b] = rng.NextDouble() < zeroDiscountShare ? 0 : 0.99;
            rewards[t, b] = rng.NextDouble() * 2 - 1;
            values[t, b] = rng.NextDouble() * 4 - 2;
        }
        var bootstrap = Enumerable.Range(0, B).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        return new Case(T, B, logRhos, discounts, rewards, values, bootstrap);
    }

    private static Tensor ToTensor(double[,] a, ScalarType dtype)
    {
        var flat = new double[a.Length];
        Buffer.BlockCopy(a, 0, flat, 0, a.Length * sizeof(double));
        using var t = TensorData.From<double>(flat, a.GetLength(0), a.GetLength(1));
        return t.to(dtype);
    }

    private static Tensor ToTensor(double[] a, ScalarType dtype)
    {
        using var t = TensorData.From<double>(a, a.Length);
        return t.to(dtype);
    }

    private static double[] Read(Tensor t) =>
        t.dtype == ScalarType.Float64 ? TensorData.ToArray<double>(t) : TensorData.ToArray<float>(t).Select(v => (double)v).ToArray();

    private static void AssertMatchesNaive(Case c, VTraceOptions options, ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var result = VTrace.FromImportanceWeights(ToTensor(c.LogRhos, dtype), ToTensor(c.Discounts, dtype),
            ToTensor(c.Rewards, dtype), ToTensor(c.Values, dtype), ToTensor(c.Bootstrap, dtype), options);
        var (vs, pg) = NaiveVTrace.Compute(c.LogRhos, c.Discounts, c.Rewards, c.Values, c.Bootstrap,
            options.ClipRhoThreshold, options.ClipPgRhoThreshold, options.ClipCThreshold, options.Lambda);
        Assert.Equal([(long)c.T, c.B], result.Vs.shape);
        Assert.Equal([(long)c.T, c.B], result.PgAdvantages.shape);
        AssertRelativelyClose(vs, Read(result.Vs), "vs");
        AssertRelativelyClose(pg, Read(result.PgAdvantages), "pg_advantages");
    }

    /// <summary>|actual - expected| <= 1e-5 * max(1, |expected|) everywhere.</summary>
    private static void AssertRelativelyClose(double[,] expected, double[] actual, string name)
    {
        int B = expected.GetLength(1);
        for (var i = 0; i < actual.Length; i++)
        {
            var e = expected[i / B, i % B];
            Assert.True(Math.Abs(actual[i] - e) <= 1e-5 * Math.Max(1, Math.Abs(e)),
                $"{name}[{i / B}, {i % B}]: naive reference {e:R}, implementation {actual[i]:R}");
        }
    }

    public static TheoryData<int, int, double?, double?, double?, double> Sweep()
    {
        var data = new TheoryData<int, int, double?, double?, double?, double>();
        foreach (var (t, b) in new[] { (1, 1), (1, 4), (5, 1), (7, 3), (20, 8), (100, 2), (400, 3) })
        {
            data.Add(t, b, null, null, null, 1.0);       // no clipping
            data.Add(t, b, 1.0, 1.0, 1.0, 1.0);          // the paper's setting
            data.Add(t, b, 0.5, 0.3, 0.7, 1.0);          // thresholds below 1: most weights clipped
            data.Add(t, b, 100, 100, 100, 1.0);          // thresholds above every weight: nothing clipped
            data.Add(t, b, 1.0, 1.0, 2.0, 1.0);          // c-bar != 1
            data.Add(t, b, 2.0, 1.0, 1.0, 0.9);          // lambda != 1
            data.Add(t, b, 1.0, null, 0.5, 0.5);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sweep))]
    public void FromImportanceWeights_Float64_MatchesNaiveReference(int T, int B, double? rhoBar, double? pgRhoBar, double? cBar, double lambda)
    {
        AssertMatchesNaive(RandomCase(T * 31 + B, T, B), new VTraceOptions(rhoBar, pgRhoBar, cBar, lambda), ScalarType.Float64);
    }

    [Theory]
    [MemberData(nameof(Sweep))]
    public void FromImportanceWeights_Float32_MatchesNaiveReference(int T, int B, double? rhoBar, double? pgRhoBar, double? cBar, double lambda)
    {
        AssertMatchesNaive(RandomCase(T * 17 + B, T, B), new VTraceOptions(rhoBar, pgRhoBar, cBar, lambda), ScalarType.Float32);
    }

    [Fact]
    public void DiscountsWithManyZeros_MatchNaiveReference()
    {
        AssertMatchesNaive(RandomCase(7, 30, 4, zeroDiscountShare: 0.5), VTraceOptions.Paper, ScalarType.Float64);
    }

    [Fact]
    public void OnPolicy_ReducesToNStepBootstrappedReturn()
    {
        // With pi = mu every rho is 1, nothing is clipped by thresholds >= 1, and v_s is the
        // n-step return sum_t (prod gamma) r_t + (prod gamma) V(x_T): the value terms telescope away.
        var c = RandomCase(11, 12, 3, logRhoScale: 0);
        using var scope = NewDisposeScope();
        var result = VTrace.FromImportanceWeights(ToTensor(c.LogRhos, ScalarType.Float64), ToTensor(c.Discounts, ScalarType.Float64),
            ToTensor(c.Rewards, ScalarType.Float64), ToTensor(c.Values, ScalarType.Float64), ToTensor(c.Bootstrap, ScalarType.Float64),
            VTraceOptions.Paper);
        var vs = TensorData.ToArray<double>(result.Vs);
        for (var b = 0; b < c.B; b++)
        for (var s = 0; s < c.T; s++)
        {
            double expected = 0, discount = 1;
            for (var t = s; t < c.T; t++)
            {
                expected += discount * c.Rewards[t, b];
                discount *= c.Discounts[t, b];
            }
            expected += discount * c.Bootstrap[b];
            Assert.Equal(expected, vs[s * c.B + b], 10);
        }
    }

    [Fact]
    public void FromLogProbsAndFromLogits_AgreeWithFromImportanceWeights()
    {
        const int T = 6, B = 2, A = 3;
        var rng = new Random(3);
        var behaviourLogits = Enumerable.Range(0, T * B * A).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var targetLogits = Enumerable.Range(0, T * B * A).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var actions = Enumerable.Range(0, T * B).Select(_ => (long)rng.Next(A)).ToArray();
        var c = RandomCase(5, T, B);
        var options = new VTraceOptions(1.0, 1.0, 1.0, 0.95);

        using var scope = NewDisposeScope();
        var bl = TensorData.From<double>(behaviourLogits, T, B, A);
        var tl = TensorData.From<double>(targetLogits, T, B, A);
        var a = TensorData.From<long>(actions, T, B);
        var fromLogits = VTrace.FromLogits(bl, tl, a, ToTensor(c.Discounts, ScalarType.Float64), ToTensor(c.Rewards, ScalarType.Float64),
            ToTensor(c.Values, ScalarType.Float64), ToTensor(c.Bootstrap, ScalarType.Float64), options);

        var logRhos = new double[T, B];
        for (var t = 0; t < T; t++)
        for (var b = 0; b < B; b++)
        {
            double LogProb(double[] logits)
            {
                var row = logits.Skip((t * B + b) * A).Take(A).ToArray();
                var max = row.Max();
                return row[actions[t * B + b]] - max - Math.Log(row.Sum(v => Math.Exp(v - max)));
            }
            logRhos[t, b] = LogProb(targetLogits) - LogProb(behaviourLogits);
        }
        var (vs, pg) = NaiveVTrace.Compute(logRhos, c.Discounts, c.Rewards, c.Values, c.Bootstrap, 1.0, 1.0, 1.0, 0.95);
        AssertRelativelyClose(vs, TensorData.ToArray<double>(fromLogits.Vs), "vs");
        AssertRelativelyClose(pg, TensorData.ToArray<double>(fromLogits.PgAdvantages), "pg_advantages");
    }

    [Fact]
    public void Outputs_CarryNoGradient_EvenWhenValuesDo()
    {
        var c = RandomCase(1, 4, 2);
        using var scope = NewDisposeScope();
        var values = ToTensor(c.Values, ScalarType.Float32);
        values.requires_grad = true;
        var result = VTrace.FromImportanceWeights(ToTensor(c.LogRhos, ScalarType.Float32), ToTensor(c.Discounts, ScalarType.Float32),
            ToTensor(c.Rewards, ScalarType.Float32), values, ToTensor(c.Bootstrap, ScalarType.Float32), VTraceOptions.Paper);
        Assert.False(result.Vs.requires_grad);
        Assert.False(result.PgAdvantages.requires_grad);
    }

    [Fact]
    public void Call_LeavesNoLiveTensorsBehind()
    {
        var c = RandomCase(2, 10, 3);
        using var scope = NewDisposeScope();
        Tensor[] inputs = [ToTensor(c.LogRhos, ScalarType.Float32), ToTensor(c.Discounts, ScalarType.Float32),
            ToTensor(c.Rewards, ScalarType.Float32), ToTensor(c.Values, ScalarType.Float32), ToTensor(c.Bootstrap, ScalarType.Float32)];
        var countBefore = scope.DisposablesCount;
        using (NewDisposeScope())
        {
            using var result = VTrace.FromImportanceWeights(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], VTraceOptions.Paper);
        }
        Assert.Equal(countBefore, scope.DisposablesCount);
    }

    [Theory]
    [InlineData("rewards", "vtrace: rewards has shape [5, 2], expected [5, 3] (the shape of values)")]
    [InlineData("bootstrap", "vtrace: bootstrap_value has shape [2], expected [3] (values without the time dimension)")]
    [InlineData("log_rhos", "vtrace: log_rhos has shape [4, 3], expected [5, 3] (the shape of values)")]
    public void BadShapes_AreRejectedWithClearMessage(string wrong, string message)
    {
        using var scope = NewDisposeScope();
        var good = zeros(5, 3);
        var e = Assert.Throws<ArgumentException>(() => VTrace.FromImportanceWeights(
            wrong == "log_rhos" ? zeros(4, 3) : good,
            good,
            wrong == "rewards" ? zeros(5, 2) : good,
            good,
            wrong == "bootstrap" ? zeros(2) : zeros(3),
            VTraceOptions.Paper));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ActionsNotMatchingLogits_AreRejected()
    {
        using var scope = NewDisposeScope();
        var logits = zeros(5, 3, 4);
        var e = Assert.Throws<ArgumentException>(() => VTrace.FromLogits(logits, logits, zeros([5, 2], ScalarType.Int64),
            zeros(5, 3), zeros(5, 3), zeros(5, 3), zeros(3), VTraceOptions.Paper));
        Assert.Contains("actions must be [5, 3]; got [5, 2]", e.Message);
    }

    [Theory]
    [InlineData(0.0, 1.0, 1.0, 1.0, "clip_rho_threshold must be > 0")]
    [InlineData(1.0, -1.0, 1.0, 1.0, "clip_pg_rho_threshold must be > 0")]
    [InlineData(1.0, 1.0, double.NaN, 1.0, "clip_c_threshold must be > 0")]
    [InlineData(1.0, 1.0, 1.0, 1.5, "lambda must be in [0, 1]")]
    public void InvalidOptions_AreRejected(double rho, double pg, double c, double lambda, string message)
    {
        Assert.StartsWith(message, Assert.Throws<ArgumentException>(() => new VTraceOptions(rho, pg, c, lambda).Validate()).Message);
    }
}
