using Akka.Actor;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Roles;

/// <summary>Keeps the last <c>capacity</c> unrolls (FIFO) and answers uniform samples with its own seeded generator.</summary>
public sealed class ReplayActor : ReceiveActor
{
    private readonly Unroll[] buffer;
    private readonly Rng rng;
    private long stored;

    public ReplayActor(int capacity, Rng rng)
    {
        buffer = new Unroll[capacity];
        this.rng = rng;
        Receive<StoreUnroll>(m => buffer[stored++ % buffer.Length] = m.Unroll);
        Receive<SampleUnrolls>(m => Sender.Tell(new SampledUnrolls(Sample(m.Count)), Self));
    }

    private IReadOnlyList<Unroll> Sample(int count)
    {
        var size = (int)Math.Min(stored, buffer.Length);
        if (count <= 0 || size < count) return [];
        var result = new Unroll[count];
        for (var i = 0; i < count; i++) result[i] = buffer[rng.NextInt(size)];
        return result;
    }
}
