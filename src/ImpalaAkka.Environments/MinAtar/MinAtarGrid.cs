using System.Runtime.InteropServices;

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

    public int Count => cells.AsSpan().Count(true);

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
    public void RollRows(int shift)
    {
        // Row-major, so rolling rows rotates the whole array by whole rows.
        var by = Wrap(shift) * Size;
        cells.CopyTo(scratch, 0);
        scratch.AsSpan(cells.Length - by).CopyTo(cells);
        scratch.AsSpan(0, cells.Length - by).CopyTo(cells.AsSpan(by));
    }

    /// <summary>Moves every cell <paramref name="shift"/> columns right (left when negative), wrapping round within its row as numpy's <c>roll(axis=1)</c>.</summary>
    public void RollColumns(int shift)
    {
        var by = Wrap(shift);
        cells.CopyTo(scratch, 0);
        for (var y = 0; y < Size; y++)
        {
            var from = scratch.AsSpan(y * Size, Size);
            var to = cells.AsSpan(y * Size, Size);
            from[(Size - by)..].CopyTo(to);
            from[..(Size - by)].CopyTo(to[by..]);
        }
    }

    /// <summary>Clears the cells set both here and in <paramref name="other"/>, in both; returns how many there were.</summary>
    public int RemoveOverlap(MinAtarGrid other)
    {
        var removed = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (!cells[i] || !other.cells[i]) continue;
            cells[i] = other.cells[i] = false;
            removed++;
        }
        return removed;
    }

    /// <summary>Copies the grid into a channel of a [C, 10, 10] observation: 1 where set, 0 elsewhere.</summary>
    public void Write(Span<float> observation, int channel)
    {
        var to = observation.Slice(channel * MinAtarBoard.Cells, MinAtarBoard.Cells);
        var from = MemoryMarshal.Cast<bool, byte>(cells.AsSpan());
        for (var i = 0; i < from.Length; i++)
        {
            to[i] = from[i];
        }
    }

    private static int Wrap(int i) => ((i % Size) + Size) % Size;
}
