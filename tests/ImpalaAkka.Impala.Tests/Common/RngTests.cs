using ImpalaAkka.Impala.Common;

namespace ImpalaAkka.Impala.Tests.Common;

public sealed class RngTests
{
    [Fact]
    public void SameSeed_SameSequence_StateRoundTrips()
    {
        var a = new Rng(42);
        var b = new Rng(42);
        Assert.Equal(Enumerable.Range(0, 10).Select(_ => a.NextULong()), Enumerable.Range(0, 10).Select(_ => b.NextULong()));
        var saved = a.State;
        var next = a.NextDouble();
        b.State = saved;
        Assert.Equal(next, b.NextDouble());
    }

    [Fact]
    public void Derive_DifferentParts_DifferentStreams()
    {
        Assert.NotEqual(Rng.Derive(1, 0, 1).NextULong(), Rng.Derive(1, 1, 1).NextULong());
        Assert.NotEqual(Rng.Derive(1, 0, 1).NextULong(), Rng.Derive(1, 0, 2).NextULong());
        Assert.Equal(Rng.Derive(1, 0, 1).NextULong(), Rng.Derive(1, 0, 1).NextULong());
    }

    [Fact]
    public void NextInt_StaysInRange_AndCoversIt()
    {
        var rng = new Rng(7);
        var seen = Enumerable.Range(0, 1000).Select(_ => rng.NextInt(5)).ToHashSet();
        Assert.Equal([0, 1, 2, 3, 4], seen.Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }
}
