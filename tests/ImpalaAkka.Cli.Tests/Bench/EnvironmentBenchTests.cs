using ImpalaAkka.Cli.Bench;

namespace ImpalaAkka.Cli.Tests.Bench;

public sealed class EnvironmentBenchTests
{
    [Fact]
    public void Run_EveryEnvironment_OneStepsPerSecondRowInNameOrder()
    {
        var rows = new EnvironmentBench(TimeSpan.FromMilliseconds(1)).Run().ToList();
        Assert.Equal(Environments.Environments.Names.Select(n => $"environment {n}, 1 env, random actions"), rows.Select(r => r.Name));
        Assert.All(rows, r =>
        {
            Assert.Equal("steps/s", r.Unit);
            Assert.True(r.Iterations >= 100_000, $"{r.Name}: {r.Iterations} steps, expected at least 10 windows of 10,000");
            Assert.True(r.Value > 0, $"{r.Name}: {r.Value} steps/s");
        });
    }
}
