using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

/// <summary>Reads MinAtar observations ([C, 10, 10], channel-major) back as cells, for exact assertions.</summary>
internal static class Board
{
    /// <summary>The set cells of one channel, (row, column) in reading order.</summary>
    public static (int Y, int X)[] Cells(float[] observation, int channel) =>
        [.. Enumerable.Range(0, 100).Where(i => observation[channel * 100 + i] == 1f).Select(i => (i / 10, i % 10))];

    /// <summary>Every set index of the observation, ascending.</summary>
    public static int[] Ones(float[] observation) => [.. Enumerable.Range(0, observation.Length).Where(i => observation[i] == 1f)];

    /// <summary>Indices of a block of cells of one channel: rows [top, bottom) by columns [left, right).</summary>
    public static IEnumerable<int> Block(int channel, int top, int bottom, int left, int right) =>
        from y in Enumerable.Range(top, bottom - top) from x in Enumerable.Range(left, right - left) select channel * 100 + y * 10 + x;

    /// <summary>A game reset with its own generator seeded <paramref name="seed"/>, which it keeps drawing from.</summary>
    public static T Started<T>(uint seed) where T : IMinAtarGame, new() => Started(new T(), new MinAtarRandom(seed));

    public static T Started<T>(T game, MinAtarRandom random) where T : IMinAtarGame
    {
        game.Reset(random);
        return game;
    }

    public static float[] Observe(IMinAtarGame game)
    {
        var observation = new float[game.Channels * 100];
        game.Write(observation);
        return observation;
    }
}
