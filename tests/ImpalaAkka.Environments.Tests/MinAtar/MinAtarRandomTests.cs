using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

/// <summary>Expected values printed by numpy 1.24.2's <c>np.random.RandomState</c>.</summary>
public sealed class MinAtarRandomTests
{
    [Fact]
    public void NextUInt_Seed0_IsMt19937sStream()
    {
        // RandomState(0).randint(0, 2**32, dtype=np.uint64, size=3)
        var random = new MinAtarRandom(0);
        Assert.Equal([2357136044u, 2546248239u, 3071714933u], [random.NextUInt(), random.NextUInt(), random.NextUInt()]);
    }

    [Fact]
    public void Rand_Seed0_MatchesNumpy()
    {
        var random = new MinAtarRandom(0);
        Assert.Equal(0.5488135039273248, random.Rand());
        Assert.Equal(0.7151893663724195, random.Rand());
    }

    [Fact]
    public void RandInt_Seed0_MatchesNumpy()
    {
        // RandomState(0).randint(6, size=10): 6 values need the mask 7 and rejection of 6 and 7.
        var random = new MinAtarRandom(0);
        Assert.Equal([4, 5, 0, 3, 3, 3, 1, 3, 5, 2], Enumerable.Range(0, 10).Select(_ => random.RandInt(6)));
    }

    [Fact]
    public void RandIntThenRand_Seed42_MatchesNumpyInterleaved()
    {
        // r = RandomState(42); r.randint(1, 6, 8); r.rand(3): Freeway's draw order.
        var random = new MinAtarRandom(42);
        Assert.Equal([4, 5, 3, 5, 5, 2, 3, 3], Enumerable.Range(0, 8).Select(_ => random.RandInt(1, 6)));
        Assert.Equal([0.45924889196586716, 0.33370861113902184, 0.14286681792194078], new[] { random.Rand(), random.Rand(), random.Rand() });
    }

    [Fact]
    public void RandInt_OneValueRange_DrawsNothing()
    {
        // numpy returns low for randint(1) without touching the stream.
        var a = new MinAtarRandom(7);
        var b = new MinAtarRandom(7);
        Assert.Equal(0, a.RandInt(1));
        Assert.Equal(b.NextUInt(), a.NextUInt());
    }

    [Fact]
    public void Seed_LargestUInt_MatchesNumpy()
    {
        // RandomState(2**32 - 1).rand(); MinAtarEnvironment.Reset(-1) seeds this.
        Assert.Equal(0.0976320289940138, new MinAtarRandom(uint.MaxValue).Rand());
    }

    [Fact]
    public void Seed_AfterDraws_RestartsTheStream()
    {
        var random = new MinAtarRandom(5);
        var first = Enumerable.Range(0, 700).Select(_ => random.NextUInt()).ToArray();
        random.Seed(5);
        Assert.Equal(first, Enumerable.Range(0, 700).Select(_ => random.NextUInt()));
    }

    [Fact]
    public void RandInt_EmptyRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinAtarRandom(0).RandInt(3, 3));
    }
}
