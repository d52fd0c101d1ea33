using ImpalaAkka.Impala.Learning.Optim;
using static ImpalaAkka.Impala.Tests.Learning.Optim.OptimizerTestKit;

namespace ImpalaAkka.Impala.Tests.Learning.Optim;

public sealed class Tf1RmsPropTests
{
    [Theory]
    [InlineData(0.99, 0.01, 0.0, 6e-4)] // the paper's settings
    [InlineData(0.9, 0.1, 0.0, 0.1)]
    [InlineData(0.9, 1e-6, 0.5, 0.05)]
    [InlineData(0.5, 0.01, 0.9, 0.2)]
    [InlineData(0.0, 0.01, 0.0, 0.1)]   // no memory: ms = g^2
    [InlineData(1.0, 0.01, 0.3, 0.1)]   // ms never moves from its initial 1
    public void Step_FixedGradients_MatchesScalarReference(double decay, double epsilon, double momentum, double learningRate)
    {
        using var p = NewParameter(Start);
        using var optimizer = new Tf1RmsProp([p], learningRate, decay, epsilon, momentum);
        var x = (double[])Start.Clone();
        var ms = Start.Select(_ => 1.0).ToArray();
        var mom = new double[Start.Length];
        StepAlongside(optimizer, p, x, _ => learningRate, (_, rate, g, i) =>
        {
            ms[i] = decay * ms[i] + (1 - decay) * g * g;
            mom[i] = momentum * mom[i] + rate * g / Math.Sqrt(ms[i] + epsilon);
            x[i] -= mom[i];
        });

        var state = optimizer.State();
        Assert.Equal(momentum > 0 ? ["0.mean_square", "0.momentum"] : ["0.mean_square"], state.Select(s => s.Name));
        AssertClose(ms, Values(state[0].Value), "mean square");
        if (momentum > 0) AssertClose(mom, Values(state[1].Value), "momentum");
        Assert.Equal(Gradients.Length, optimizer.Steps);
        Assert.Equal("rmsprop-tf1", optimizer.Kind);
    }

    [Fact]
    public void Step_LearningRateChangedBetweenSteps_NextStepUsesTheNewRate()
    {
        using var p = NewParameter([1.0]);
        using var optimizer = new Tf1RmsProp([p], learningRate: 0.1, decay: 0.9, epsilon: 0.01);
        double x = 1, ms = 1;
        foreach (var rate in new[] { 0.1, 0.025, 0.0 })
        {
            optimizer.LearningRate = rate;
            SetGradient(p, [2.0]);
            optimizer.Step();
            ms = 0.9 * ms + 0.1 * 4;
            x -= rate * 2 / Math.Sqrt(ms + 0.01);
            AssertClose([x], Values(p), $"parameter after a step at rate {rate}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public void Step_ParameterWithoutGradient_IsLeftAloneWithItsState(double momentum)
    {
        using var withGradient = NewParameter([1.0, 2.0]);
        using var without = NewParameter([3.0, -4.0]);
        using var optimizer = new Tf1RmsProp([withGradient, without], learningRate: 0.1, decay: 0.9, epsilon: 0.01, momentum);
        SetGradient(withGradient, [1.0, -1.0]);
        Assert.Null(without.grad);

        optimizer.Step();
        optimizer.Step();

        Assert.Equal([3.0, -4.0], Values(without));
        Assert.NotEqual([1.0, 2.0], Values(withGradient));
        var state = optimizer.State().Where(s => s.Name.StartsWith("1.", StringComparison.Ordinal)).ToList();
        Assert.Equal([1.0, 1.0], Values(state.Single(s => s.Name == "1.mean_square").Value));
        if (momentum > 0) Assert.Equal([0.0, 0.0], Values(state.Single(s => s.Name == "1.momentum").Value));
    }

    [Theory]
    [InlineData(-1e-3, 0.99, 0.01, 0.0, "learningRate")]
    [InlineData(double.NaN, 0.99, 0.01, 0.0, "learningRate")]
    [InlineData(double.PositiveInfinity, 0.99, 0.01, 0.0, "learningRate")]
    [InlineData(1e-3, -0.01, 0.01, 0.0, "decay")]
    [InlineData(1e-3, 1.01, 0.01, 0.0, "decay")]
    [InlineData(1e-3, double.NaN, 0.01, 0.0, "decay")]
    [InlineData(1e-3, 0.99, 0.0, 0.0, "epsilon")]
    [InlineData(1e-3, 0.99, -0.01, 0.0, "epsilon")]
    [InlineData(1e-3, 0.99, double.NaN, 0.0, "epsilon")]
    [InlineData(1e-3, 0.99, 0.01, -0.1, "momentum")]
    [InlineData(1e-3, 0.99, 0.01, 1.5, "momentum")]
    [InlineData(1e-3, 0.99, 0.01, double.NaN, "momentum")]
    public void Constructor_BadHyperparameter_ThrowsNamingIt(double learningRate, double decay, double epsilon, double momentum, string parameter)
    {
        using var p = NewParameter([1.0]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Tf1RmsProp([p], learningRate, decay, epsilon, momentum));
        Assert.Equal(parameter, e.ParamName);
    }
}
