using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Tests.Learning;

/// <summary>
/// Valid unrolls made up from a seeded <see cref="Random"/>, for learner tests that need a batch
/// but not an environment: the learner only sees numbers, and the same seed gives the same batch.
/// </summary>
internal static class SyntheticUnrolls
{
    public static Unroll[] Batch(EnvironmentSpec spec, int batchSize, int unrollLength, int stateSize = 0, int seed = 1)
    {
        var random = new Random(seed);
        var batch = new Unroll[batchSize];
        for (var j = 0; j < batchSize; j++)
        {
            var t = unrollLength;
            var unroll = new Unroll(
                new ProducerId("test", 0, 0, j), 0, t,
                Floats(random, (t + 1) * spec.ObservationSize, 1),
                [.. Enumerable.Range(0, t).Select(_ => random.Next(spec.ActionCount))],
                Floats(random, t, 1),
                // An episode end inside most unrolls, so the discount and recurrent-reset paths run.
                [.. Enumerable.Range(0, t).Select(_ => random.Next(4) == 0)],
                Floats(random, t * spec.ActionCount, 2),
                [], [])
            {
                InitialState = Floats(random, stateSize, 0.5f),
            };
            Assert.Null(UnrollValidator.Problem(unroll, spec, t, stateSize));
            batch[j] = unroll;
        }
        return batch;
    }

    private static float[] Floats(Random random, int count, float scale) =>
        [.. Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale)];
}
