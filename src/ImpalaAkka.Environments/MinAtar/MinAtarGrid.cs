namespace ImpalaAkka.Environments.MinAtar;

/// <summary>A 10 x 10 map of set cells (bricks, aliens, bullets), indexed [y, x] with row 0 at the top.</summary>
public sealed class MinAtarGrid
{
    private const int Size = MinAtarBoard.Size;

    private readonly bool[] cells = new bool[MinAtarBoard.Cells];
    private readonly bool[] scratch = new bool[MinAtarBoard.Cells];

    public bool this[int y, int x]
    {
        get => cells[y * Size + x];
        set => cells[y * Size + x] = value;
    }

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var cell in cells)
            {
                if (cell) count++;
            }
            return count;
        }
    }

    public bool AnyInRow(int y) => cells.AsSpan(y * Size, Size).Contains(true);

    public bool AnyInColumn(int x)
    {
        for (var y = 0; y < Size; y++)
        {
            if (cells[y * Size + x]) return true;
        }
        return false;
    }

    public void Clear() => Array.Clear(cells);

    public void ClearRow(int y) => cells.AsSpan(y * Size, Size).Clear();

    /// <summary>Sets every cell of rows [top, bottom) and columns [left, right).</summary>
    public void Fill(int top, int bottom, int left, int right)
    {
        for (var y = top; y < bottom; y++)
        {
            cells.AsSpan(y * Size + left, right - left).Fill(true);
        }
    }

    /// <summary>Moves every cell <paramref name="shift"/> rows down (up when negative), wrapping round as numpy's <c>roll(axis=0)</c>.</summary>
    public void RollRows(int shift) => Roll(shift, 0);

    /// <summary>Moves every cell <paramref name="shift"/> columns right (left when negative), wrapping round within its row as numpy's <c>roll(axis=1)</c>.</summary>
    public void RollColumns(int shift) => Roll(0, shift);

    public void Write(Span<float> observation, int channel)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i]) observation[channel * MinAtarBoard.Cells + i] = 1f;
        }
    }

    private void Roll(int down, int right)
    {
        cells.CopyTo(scratch, 0);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                cells[y * Size + x] = scratch[Wrap(y - down) * Size + Wrap(x - right)];
            }
        }
    }

    private static int Wrap(int i) => ((i % Size) + Size) % Size;
}
