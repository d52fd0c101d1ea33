using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Common;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// Steps per second of each environment alone (every name in <see cref="Environments.Environments.Names"/>,
/// as training creates it), one environment, uniform-random actions, a new seeded episode at each end;
/// one measured window of at least the minimum time per environment, one after another in one process.
/// </summary>
internal sealed class EnvironmentBench(TimeSpan minimumTime)
{
    public IEnumerable<BenchResult> Run() =>
        Environments.Environments.Names.Select(name => Measure(name, Environments.Environments.Create(name)));

    private BenchResult Measure(string name, IEnvironment env)
    {
        var obs = new float[env.Spec.ObservationSize];
        var actions = env.Spec.ActionCount;
        var rng = new Rng(1);
        env.Reset(0, obs);
        const int chunk = 10_000;
        var (iterations, seconds) = BenchTimer.Repeat(minimumTime, () =>
        {
            for (var i = 0; i < chunk; i++)
            {
                if (env.Step(rng.NextInt(actions), obs).Done) env.Reset(rng.NextSeed(), obs);
            }
        });
        return new BenchResult($"environment {name}, 1 env, random actions", iterations * chunk / seconds, "steps/s", iterations * chunk);
    }
}
