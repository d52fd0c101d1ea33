using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Tests.Training;

/// <summary>Learner steps on seeded synthetic unrolls that fit the learner's environment spec (no actors, no environment).</summary>
internal static class TrainingSteps
{
    /// <summary>Runs <paramref name="steps"/> learner steps of <paramref name="batch"/> fresh unrolls each; returns the last step's metrics.</summary>
    public static StepMetrics Run(LearnerCore core, int steps, int batch = 4, int seed = 1)
    {
        var rng = new Random(seed);
        StepMetrics? last = null;
        for (var i = 0; i < steps; i++)
        {
            var unrolls = Enumerable.Range(0, batch).Select(j => Unroll(core, rng, new ProducerId("test", j, 1, i))).ToList();
            last = core.Step(unrolls, unrolls.Count);
        }
        return last ?? throw new ArgumentOutOfRangeException(nameof(steps), steps, "at least one step");
    }

    /// <summary>One unroll of the learner's unroll length T with random observations, actions, rewards and logits.</summary>
    public static Unroll Unroll(LearnerCore core, Random rng, ProducerId producer)
    {
        var t = core.UnrollLength;
        var net = core.Net;
        float[] Floats(int n, double scale) => [.. Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale))];
        return new Unroll(producer, core.Version, t,
            Floats((t + 1) * net.ObservationSize, 1),
            [.. Enumerable.Range(0, t).Select(_ => rng.Next(net.ActionCount))],
            Floats(t, 1),
            [.. Enumerable.Range(0, t).Select(_ => rng.NextDouble() < 0.1)],
            Floats(t * net.ActionCount, 0.5),
            [], [])
        {
            InitialState = new float[net.StateSize],
        };
    }
}
