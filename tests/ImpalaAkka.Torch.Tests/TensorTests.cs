namespace ImpalaAkka.Torch.Tests;

public sealed class TensorTests
{
    [Fact]
    public void From_Float32_RoundTripsDataAndShape()
    {
        using var t = Tensor.From<float>([1, 2, 3, 4, 5, 6], [2, 3]);
        Assert.Equal([2L, 3L], t.Shape.ToArray());
        Assert.Equal(ScalarType.Float32, t.DType);
        Assert.Equal(Device.Cpu, t.Device);
        Assert.Equal([1f, 2, 3, 4, 5, 6], t.ToArray<float>());
    }

    [Fact]
    public void From_EachDType_RoundTrips()
    {
        using var l = Tensor.From<long>([-1, long.MaxValue], [2]);
        using var b = Tensor.From<byte>([0, 255, 7], [3]);
        using var z = Tensor.From<bool>([true, false], [2]);
        using var d = Tensor.From<double>([Math.PI], [1]);
        Assert.Equal([-1L, long.MaxValue], l.ToArray<long>());
        Assert.Equal([(byte)0, 255, 7], b.ToArray<byte>());
        Assert.Equal([true, false], z.ToArray<bool>());
        Assert.Equal([Math.PI], d.ToArray<double>());
        Assert.Equal(ScalarType.Bool, z.DType);
    }

    [Fact]
    public void From_ShapeDisagreesWithData_ThrowsNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.From<float>([1, 2, 3], [2, 2]));
        Assert.Contains("needs 4 elements, data has 3", e.Message);
    }

    [Fact]
    public void ToArray_WrongElementType_Throws()
    {
        using var t = Tensor.From<float>([1f], [1]);
        var e = Assert.Throws<TorchException>(() => t.ToArray<long>());
        Assert.Contains("Float32", e.Message);
    }

    [Fact]
    public void Add_ShapeMismatch_ThrowsTorchExceptionWithLibtorchMessage()
    {
        using var a = Tensor.Zeros([3]);
        using var b = Tensor.Zeros([4]);
        var e = Assert.Throws<TorchException>(() => a.Add(b));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (4)", e.Message);
        // The error slot is consumed: the next call succeeds.
        using var c = a.Add(a);
        Assert.Equal([0f, 0, 0], c.ToArray<float>());
    }

    [Fact]
    public void Matmul_InnerDimensionMismatch_ThrowsTorchException()
    {
        using var a = Tensor.Zeros([2, 3]);
        using var b = Tensor.Zeros([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.Matmul(b));
        Assert.Contains("cannot be multiplied", e.Message);
    }

    [Fact]
    public void UseAfterDispose_ThrowsObjectDisposed()
    {
        var t = Tensor.Zeros([1]);
        t.Dispose();
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.Exp());
    }

    [Fact]
    public void Arithmetic_Broadcasts()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.From<float>([1, 2, 3, 4, 5, 6], [2, 3]);
        var row = Tensor.From<float>([10, 20, 30], [3]);
        Assert.Equal([11f, 22, 33, 14, 25, 36], (a + row).ToArray<float>());
        Assert.Equal([-9f, -18, -27, -6, -15, -24], (a - row).ToArray<float>());
        Assert.Equal([10f, 40, 90, 40, 100, 180], (a * row).ToArray<float>());
        Assert.Equal([0.5f, 1, 1.5f, 2, 2.5f, 3], (a / 2).ToArray<float>());
        Assert.Equal([9f, 8, 7, 6, 5, 4], (10 - a).ToArray<float>());
        Assert.Equal([1f, 4, 9, 16, 25, 36], a.Pow(2).ToArray<float>());
        Assert.Equal([-1f, -2, -3, -4, -5, -6], (-a).ToArray<float>());
    }

    [Fact]
    public void Comparisons_ReturnBool()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.From<float>([1, 2, 3], [3]);
        var b = Tensor.From<float>([3, 2, 1], [3]);
        Assert.Equal([false, false, true], a.Gt(b).ToArray<bool>());
        Assert.Equal([true, true, false], a.Le(b).ToArray<bool>());
        Assert.Equal([false, true, false], a.Eq(b).ToArray<bool>());
        Assert.Equal([true, false, false], a.Lt(2).ToArray<bool>());
        Assert.Equal([false, true, true], a.Ge(2).ToArray<bool>());
        Assert.Equal([true, false, true], a.Ne(2).ToArray<bool>());
        Assert.Equal([false, true, true], a.Lt(2).LogicalNot().ToArray<bool>());
    }

    [Fact]
    public void Matmul_MatchesHandComputed()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.From<float>([1, 2, 3, 4, 5, 6], [2, 3]);
        var b = Tensor.From<float>([7, 8, 9, 10, 11, 12], [3, 2]);
        Assert.Equal([58f, 64, 139, 154], a.Matmul(b).ToArray<float>());
    }

    [Fact]
    public void ShapeOps_ProduceExpectedLayouts()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.Arange(0, 6, dtype: ScalarType.Float32).Reshape(2, 3);
        Assert.Equal([0f, 3, 1, 4, 2, 5], a.Permute(1, 0).Contiguous().ToArray<float>());
        Assert.Equal([0f, 3, 1, 4, 2, 5], a.Transpose(0, 1).Contiguous().ToArray<float>());
        Assert.Equal([6L], a.Flatten().Shape.ToArray());
        Assert.Equal([3L, 2L], a.View(3, 2).Shape.ToArray());
        Assert.Equal([1L, 2L, 3L], a.Unsqueeze(0).Shape.ToArray());
        Assert.Equal([2L, 3L], a.Unsqueeze(0).Squeeze(0).Shape.ToArray());
        Assert.Equal([4L, 3L], Tensor.Cat([a, a], 0).Shape.ToArray());
        Assert.Equal([2L, 2L, 3L], Tensor.Stack([a, a], 0).Shape.ToArray());
        Assert.Equal([0f, 1, 2, 0, 1, 2], Tensor.Cat([a.Select(0, 0), a.Select(0, 0)]).ToArray<float>());
        Assert.Equal([1f, 2, 4, 5], a.Slice(1, 1, 3).Contiguous().ToArray<float>());
        Assert.Equal([0f, 2, 3, 5], a.Slice(1, 0, 3, step: 2).Contiguous().ToArray<float>());
        Assert.Equal([3f, 4, 5], a.Select(0, 1).ToArray<float>());
        Assert.Equal([2L, 2L, 3L], a.Unsqueeze(0).Expand(2, 2, 3).Shape.ToArray());
    }

    [Fact]
    public void IndexSelectAndGather_PickElements()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.Arange(0, 6, dtype: ScalarType.Float32).Reshape(2, 3);
        var rows = Tensor.From<long>([1, 0, 1], [3]);
        Assert.Equal([3f, 4, 5, 0, 1, 2, 3, 4, 5], a.IndexSelect(0, rows).ToArray<float>());
        var pick = Tensor.From<long>([2, 0], [2, 1]);
        Assert.Equal([2f, 3], a.Gather(1, pick).ToArray<float>());
    }

    [Fact]
    public void Reductions_MatchHandComputed()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.From<float>([1, 5, 3, 4, 2, 6], [2, 3]);
        Assert.Equal(21, a.Sum().Item());
        Assert.Equal(3.5, a.Mean().Item());
        Assert.Equal(6, a.Max().Item());
        Assert.Equal(1, a.Min().Item());
        Assert.Equal([9f, 12], a.Sum(1).ToArray<float>());
        Assert.Equal([1L, 3L], a.Mean(0, keepDim: true).Shape.ToArray());
        Assert.Equal([2.5f, 3.5f, 4.5f], a.Mean(0).ToArray<float>());
        var (values, indices) = a.Max(1);
        Assert.Equal([5f, 6], values.ToArray<float>());
        Assert.Equal([1L, 2], indices.ToArray<long>());
        var (minValues, minIndices) = a.Min(0);
        Assert.Equal([1f, 2, 3], minValues.ToArray<float>());
        Assert.Equal([0L, 1, 0], minIndices.ToArray<long>());
        Assert.Equal([1L, 2], a.Argmax(1).ToArray<long>());
    }

    [Fact]
    public void ElementWiseFunctions_MatchMath()
    {
        using var scope = DisposeScope.Begin();
        double[] x = [-2, -0.5, 0, 0.5, 2];
        var t = Tensor.From<double>(x);
        AssertClose(x.Select(v => Math.Exp(v)), t.Exp().ToArray<double>());
        AssertClose(x.Select(v => Math.Tanh(v)), t.Tanh().ToArray<double>());
        AssertClose(x.Select(v => 1 / (1 + Math.Exp(-v))), t.Sigmoid().ToArray<double>());
        AssertClose(x.Select(v => Math.Max(0, v)), t.Relu().ToArray<double>());
        AssertClose(x.Select(v => Math.Abs(v)), t.Abs().ToArray<double>());
        AssertClose(x.Select(v => Math.Log(Math.Abs(v) + 1)), (t.Abs() + 1).Log().ToArray<double>());
        AssertClose(x.Select(v => Math.Sqrt(Math.Abs(v))), t.Abs().Sqrt().ToArray<double>());
        AssertClose(x.Select(v => Math.Clamp(v, -1, 1)), t.Clamp(-1, 1).ToArray<double>());
        AssertClose(x.Select(v => Math.Min(v, 1)), t.Clamp(max: 1).ToArray<double>());
        AssertClose(x.Select(v => Math.Max(v, 0.25)), t.Maximum(0.25).ToArray<double>());
        AssertClose(x.Select(v => v > 0 ? v : -10), t.Gt(0).Where(t, Tensor.Full([5], -10, ScalarType.Float64)).ToArray<double>());
    }

    [Fact]
    public void SoftmaxAndLogSoftmax_MatchNaive()
    {
        using var scope = DisposeScope.Begin();
        double[] logits = [1, 2, 3, -1, 0, 4];
        var t = Tensor.From<double>(logits, [2, 3]);
        var expected = new List<double>();
        for (var row = 0; row < 2; row++)
        {
            var slice = logits.Skip(3 * row).Take(3).ToArray();
            var z = slice.Select(Math.Exp).Sum();
            expected.AddRange(slice.Select(v => Math.Exp(v) / z));
        }
        AssertClose(expected, t.Softmax(1).ToArray<double>());
        AssertClose(expected.Select(v => Math.Log(v)), t.LogSoftmax(-1).ToArray<double>());
    }

    [Fact]
    public void ReverseScan_MatchesLoop()
    {
        using var scope = DisposeScope.Begin();
        double[] x = [1, 2, 3, 4, 5, 6];
        double[] c = [0.5, 0.1, 0.9, 0, 1, 2];
        double[] init = [10, 20];
        var result = Tensor.ReverseScan(Tensor.From<double>(x, [3, 2]), Tensor.From<double>(c, [3, 2]), Tensor.From<double>(init)).ToArray<double>();
        var expected = new double[6];
        for (var b = 0; b < 2; b++)
        {
            var acc = init[b];
            for (var t = 2; t >= 0; t--)
            {
                acc = x[2 * t + b] + c[2 * t + b] * acc;
                expected[2 * t + b] = acc;
            }
        }
        AssertClose(expected, result);
    }

    [Fact]
    public void ReverseScan_BadShapes_Throws()
    {
        using var scope = DisposeScope.Begin();
        var e = Assert.Throws<TorchException>(() => Tensor.ReverseScan(Tensor.Zeros([3, 2]), Tensor.Zeros([3, 2]), Tensor.Zeros([3])));
        Assert.Contains("init must have the shape of one time step", e.Message);
    }

    [Fact]
    public void Creation_ZerosOnesFullArange()
    {
        using var scope = DisposeScope.Begin();
        Assert.Equal([0f, 0], Tensor.Zeros([2]).ToArray<float>());
        Assert.Equal([1L, 1], Tensor.Ones([2], ScalarType.Int64).ToArray<long>());
        Assert.Equal([2.5, 2.5], Tensor.Full([2], 2.5, ScalarType.Float64).ToArray<double>());
        Assert.Equal([0L, 2, 4], Tensor.Arange(0, 5, 2).ToArray<long>());
        Assert.Equal(7.0, Tensor.Scalar(7f).Item());
        Assert.Equal(0, Tensor.Scalar(7f).Dim);
    }

    [Fact]
    public void ManualSeed_MakesRandomReproducible()
    {
        using var scope = DisposeScope.Begin();
        Libtorch.ManualSeed(42);
        var a = Tensor.Randn([5]).ToArray<float>();
        var u = Tensor.Rand([5]).ToArray<float>();
        Libtorch.ManualSeed(42);
        Assert.Equal(a, Tensor.Randn([5]).ToArray<float>());
        Assert.Equal(u, Tensor.Rand([5]).ToArray<float>());
        Assert.All(u, v => Assert.InRange(v, 0f, 1f));
    }

    [Fact]
    public void To_ConvertsDType()
    {
        using var scope = DisposeScope.Begin();
        var a = Tensor.From<float>([1.7f, -2.2f], [2]);
        Assert.Equal([1L, -2], a.To(ScalarType.Int64).ToArray<long>());
        Assert.Equal(ScalarType.Float64, a.To(Device.Cpu, ScalarType.Float64).DType);
    }

    [Fact]
    public void NumThreads_CanBeSetAndRead()
    {
        var before = Libtorch.NumThreads;
        try
        {
            Libtorch.NumThreads = 1;
            Assert.Equal(1, Libtorch.NumThreads);
            Assert.Throws<TorchException>(() => Libtorch.NumThreads = 0);
        }
        finally
        {
            Libtorch.NumThreads = before;
        }
    }

    [Fact]
    public void DeterministicMode_SameSeedGivesBitIdenticalTraining()
    {
        Libtorch.SetDeterministic(true);
        try
        {
            float[] Run()
            {
                using var scope = DisposeScope.Begin();
                Libtorch.ManualSeed(123);
                var w = Tensor.Randn([8, 8]);
                w.RequiresGrad = true;
                var x = Tensor.Randn([16, 8]);
                x.Matmul(w).Tanh().Sum().Backward();
                return w.Grad!.ToArray<float>();
            }
            Assert.Equal(Run(), Run());
        }
        finally
        {
            Libtorch.SetDeterministic(false);
        }
    }

    [Fact]
    public void Version_IsLibtorchVersion()
    {
        Assert.Matches(@"^\d+\.\d+", Libtorch.Version);
    }

    internal static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual, double tolerance = 1e-9)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        Assert.Equal(e.Length, a.Length);
        for (var i = 0; i < e.Length; i++)
        {
            Assert.True(Math.Abs(e[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(e[i])),
                $"element {i}: expected {e[i]}, got {a[i]}");
        }
    }
}
