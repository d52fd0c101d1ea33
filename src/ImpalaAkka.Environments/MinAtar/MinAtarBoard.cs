namespace ImpalaAkka.Environments.MinAtar;

/// <summary>The 10 x 10 board every MinAtar game is played on, and its channel-major observation layout.</summary>
internal static class MinAtarBoard
{
    public const int Size = 10;
    public const int Cells = Size * Size;

    /// <summary>The index of cell (<paramref name="y"/>, <paramref name="x"/>) of a channel in a [C, 10, 10] observation.</summary>
    public static int Index(int channel, int y, int x) => channel * Cells + y * Size + x;

    public static void Clear(Span<float> observation, int channels) => observation[..(channels * Cells)].Clear();

    public static void Set(Span<float> observation, int channel, int y, int x) => observation[Index(channel, y, x)] = 1f;

    /// <summary>Marks the cell behind a mover, if that cell is on the board.</summary>
    public static void SetTrail(Span<float> observation, int channel, int y, int x, bool movesRight)
    {
        var behind = movesRight ? x - 1 : x + 1;
        if (behind is >= 0 and < Size)
        {
            Set(observation, channel, y, behind);
        }
    }
}
