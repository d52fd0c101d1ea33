using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cli.Bench;

/// <summary>An unroll size for the cluster bench: T steps of observations of <c>ObservationShape</c> floats with <c>Actions</c> logits each.</summary>
internal sealed record BenchPayload(string Name, int[] ObservationShape, int Length, int Actions)
{
    /// <summary>An unroll shaped like ClusterNodes.UnrollBytes measures, filled with seeded uniform floats (a text serializer's size depends on the values).</summary>
    public Unroll Build(ulong seed)
    {
        var rng = new Rng(seed);
        float[] Floats(long n)
        {
            var values = new float[n];
            for (var i = 0; i < values.Length; i++) values[i] = (float)rng.NextDouble();
            return values;
        }
        var obsSize = ObservationShape.Aggregate(1, (a, d) => a * d);
        var t = Length;
        return new Unroll(new ProducerId("bench", 0, 1, 0), 0, t, Floats((long)(t + 1) * obsSize),
            [.. Enumerable.Range(0, t).Select(_ => rng.NextInt(Actions))], Floats(t), new bool[t], Floats((long)t * Actions), [], []);
    }
}
