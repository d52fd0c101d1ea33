namespace ImpalaAkka.Environments.Tests;

public sealed class ReturnRangeTests
{
    [Theory]
    [InlineData("cartpole", 0, 500)]
    [InlineData("catch", -1, 1)]
    [InlineData("minatar-freeway", 0, 92)]
    public void Spec_ShippedEnvironment_DeclaresItsReturnRange(string name, double min, double max)
    {
        Assert.Equal(new ReturnRange(min, max), Environments.SpecOf(name).Returns);
    }

    [Theory]
    [InlineData("cartpole")]
    [InlineData("catch")]
    [InlineData("minatar-freeway")]
    public void Episodes_UnderRandomAndConstantPolicies_ReturnWithinTheRange(string name)
    {
        var env = Environments.Create(name);
        var range = env.Spec.Returns!;
        var obs = new float[env.Spec.ObservationSize];
        var random = new Random(11);
        // Constant actions drive CartPole to its shortest episodes and Freeway's chicken up (action 2) to its most crossings; random ones vary Catch's outcome.
        for (var episode = 0; episode < 60; episode++)
        {
            env.Reset(episode, obs);
            var constant = episode % 3 == 0 ? (int?)(episode / 3 % env.Spec.ActionCount) : null;
            double total = 0;
            StepResult step;
            do
            {
                step = env.Step(constant ?? random.Next(env.Spec.ActionCount), obs);
                total += step.Reward;
            }
            while (!step.Done);
            Assert.InRange(total, range.Min, range.Max);
        }
    }

    [Theory]
    [InlineData(-3, -1)]
    [InlineData(0.25, 0.25)]
    [InlineData(7, 1)]
    public void Clamp_OutsideOrInside_LandsInTheRange(double value, double expected)
    {
        Assert.Equal(expected, new ReturnRange(-1, 1).Clamp(value));
    }

    [Fact]
    public void Clamp_NaN_StaysNaN()
    {
        Assert.True(double.IsNaN(new ReturnRange(0, 500).Clamp(double.NaN)));
    }
}
