namespace ImpalaAkka.Impala.Common;

/// <summary>
/// xoshiro256** seeded by SplitMix64: fast, deterministic on every platform, and its whole state is
/// four ulongs, so checkpoints can save and restore it. Not thread-safe; one per actor.
/// </summary>
public sealed class Rng
{
    private ulong s0, s1, s2, s3;

    public Rng(ulong seed)
    {
        var x = seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    /// <summary>A generator seeded from several integers (e.g. run seed, actor index, incarnation), independent of one another.</summary>
    public static Rng Derive(params long[] parts)
    {
        var x = 0x9E3779B97F4A7C15UL;
        foreach (var part in parts)
        {
            x ^= (ulong)part;
            x = SplitMix(ref x);
        }
        return new Rng(x);
    }

    public ulong NextULong()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on [0, n) without modulo bias.</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be > 0");
        var bound = (ulong)n;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextULong();
            if (r >= threshold) return (int)(r % bound);
        }
    }

    /// <summary>A non-negative int seed for an environment reset.</summary>
    public int NextSeed() => (int)(NextULong() >> 33);

    public ulong[] State
    {
        get => [s0, s1, s2, s3];
        set => (s0, s1, s2, s3) = value.Length == 4 ? (value[0], value[1], value[2], value[3]) : throw new ArgumentException("an Rng state is 4 ulongs");
    }

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
