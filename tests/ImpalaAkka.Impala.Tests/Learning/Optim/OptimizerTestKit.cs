using ImpalaAkka.Impala.Model;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Tests.Learning.Optim;

/// <summary>Float64 parameters with gradients set directly, and a tolerant comparison against scalar references.</summary>
internal static class OptimizerTestKit
{
    // Float64, so the only differences from a scalar reference are the last-bit roundings of a
    // different operation order (addcmul, addcdiv, a precomputed bias correction), far below this.
    public const double Tolerance = 1e-12;

    public static Parameter NewParameter(double[] values) => new(TensorData.From<double>(values, values.Length));

    public static void SetGradient(Parameter p, double[] gradient)
    {
        using var g = TensorData.From<double>(gradient, gradient.Length);
        p.grad = g;
    }

    public static double[] Values(Tensor tensor) => TensorData.ToArray<double>(tensor);

    public static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: expected {expected.Length} values, got {actual.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance,
                $"{what} [{i}]: expected {expected[i]:R}, got {actual[i]:R} (off by {Math.Abs(expected[i] - actual[i]):E2})");
        }
    }
}
