using ImpalaAkka.Impala.Learning.Optim;
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

    public static readonly double[] Start = [0.5, -1.25, 2, 0];

    // A different gradient each step, signs and sizes mixed (one large, one zero), so a slot that
    // kept the wrong history or a wrong epsilon placement shows within a step or two.
    public static readonly double[][] Gradients =
    [
        [1, -6, 0.25, 0],
        [-0.5, 3, 0.25, 10],
        [2, -1, -4, 0.125],
        [0.01, 0, 1, -2],
        [-3, 0.5, 0.5, 0.5],
    ];

    /// <summary>
    /// Steps <paramref name="optimizer"/> once per row of <see cref="Gradients"/> at the rate
    /// <paramref name="rateAt"/> gives (the learner sets it before every step), lets the scalar
    /// <paramref name="reference"/> (step, rate, gradient, element) update <paramref name="x"/> element
    /// by element, and compares the parameter after every step.
    /// </summary>
    public static void StepAlongside(LearnerOptimizer optimizer, Parameter p, double[] x, Func<int, double> rateAt, Action<int, double, double, int> reference)
    {
        for (var step = 0; step < Gradients.Length; step++)
        {
            var rate = rateAt(step);
            optimizer.LearningRate = rate;
            SetGradient(p, Gradients[step]);
            optimizer.Step();
            for (var i = 0; i < x.Length; i++) reference(step, rate, Gradients[step][i], i);
            AssertClose(x, Values(p), $"parameter after step {step + 1}");
        }
    }

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
