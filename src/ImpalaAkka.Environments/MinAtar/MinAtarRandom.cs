namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// The generator behind numpy's legacy <c>np.random.RandomState</c>: MT19937 seeded as
/// <c>RandomState(seed)</c> seeds it, with <see cref="Rand"/> and <see cref="RandInt(int, int)"/> drawing exactly
/// as <c>rand()</c> and <c>randint(low, high)</c> do. MinAtar draws all its randomness from one such
/// generator, so the same seed and actions give MinAtar's own trajectory, which the tests compare.
/// Not thread-safe; one per environment.
/// </summary>
public sealed class MinAtarRandom
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908B0DFu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7FFFFFFFu;

    private readonly uint[] state = new uint[N];
    private int position;

    public MinAtarRandom(uint seed) => Seed(seed);

    /// <summary>Restarts the stream as <c>RandomState(seed)</c> would, without allocating.</summary>
    public void Seed(uint seed)
    {
        state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            state[i] = 1812433253u * (state[i - 1] ^ (state[i - 1] >> 30)) + (uint)i;
        }
        position = N;
    }

    public uint NextUInt()
    {
        if (position == N)
        {
            Twist();
        }
        var y = state[position++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        return y ^ (y >> 18);
    }

    /// <summary>Uniform on [0, 1) with 53 bits from two draws, as numpy's <c>rand()</c>.</summary>
    public double Rand()
    {
        var a = NextUInt() >> 5;
        var b = NextUInt() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary>Uniform on [0, high), as numpy's <c>randint(high)</c>.</summary>
    public int RandInt(int high) => RandInt(0, high);

    /// <summary>
    /// Uniform on [low, high) by numpy's masked rejection: draws masked to the smallest all-ones
    /// mask covering the range until one falls inside; a one-value range draws nothing.
    /// </summary>
    public int RandInt(int low, int high)
    {
        if (high <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"randint needs low < high (low {low})");
        }
        var range = (uint)(high - low - 1);
        if (range == 0)
        {
            return low;
        }
        var mask = range;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        uint value;
        do
        {
            value = NextUInt() & mask;
        }
        while (value > range);
        return low + (int)value;
    }

    private void Twist()
    {
        int i;
        for (i = 0; i < N - M; i++)
        {
            state[i] = state[i + M] ^ Mix(state[i], state[i + 1]);
        }
        for (; i < N - 1; i++)
        {
            state[i] = state[i + M - N] ^ Mix(state[i], state[i + 1]);
        }
        state[N - 1] = state[M - 1] ^ Mix(state[N - 1], state[0]);
        position = 0;
    }

    private static uint Mix(uint upper, uint lower)
    {
        var y = (upper & UpperMask) | (lower & LowerMask);
        return (y >> 1) ^ ((y & 1u) == 0 ? 0u : MatrixA);
    }
}
