using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

public sealed class MinAtarGridTests
{
    // An irregular pattern, so a wrong shift cannot map it onto itself.
    private static MinAtarGrid Pattern()
    {
        var grid = new MinAtarGrid();
        foreach (var (y, x) in (ReadOnlySpan<(int, int)>)[(0, 0), (0, 9), (2, 3), (5, 5), (9, 1), (9, 9), (7, 0)]) grid[y, x] = true;
        return grid;
    }

    private static bool[,] Cells(MinAtarGrid grid)
    {
        var cells = new bool[10, 10];
        for (var y = 0; y < 10; y++) for (var x = 0; x < 10; x++) cells[y, x] = grid[y, x];
        return cells;
    }

    // numpy.roll's definition: out[y, x] = in[(y - down) mod 10, (x - right) mod 10].
    private static bool[,] NaiveRoll(bool[,] cells, int down, int right)
    {
        var rolled = new bool[10, 10];
        for (var y = 0; y < 10; y++) for (var x = 0; x < 10; x++) rolled[y, x] = cells[((y - down) % 10 + 10) % 10, ((x - right) % 10 + 10) % 10];
        return rolled;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(10)]
    public void RollRows_AnyShift_MatchesNumpysRollDefinition(int shift)
    {
        var grid = Pattern();
        var expected = NaiveRoll(Cells(grid), shift, 0);
        grid.RollRows(shift);
        Assert.Equal(expected, Cells(grid));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(4)]
    public void RollColumns_AnyShift_MatchesNumpysRollDefinition(int shift)
    {
        var grid = Pattern();
        var expected = NaiveRoll(Cells(grid), 0, shift);
        grid.RollColumns(shift);
        Assert.Equal(expected, Cells(grid));
    }

    [Fact]
    public void RollRows_Down_BottomRowWrapsToTheTop()
    {
        var grid = new MinAtarGrid();
        grid[9, 4] = true;
        grid.RollRows(1);
        Assert.Equal((true, 1), (grid[0, 4], grid.Count));
    }

    [Fact]
    public void RemoveOverlap_CellsSetInBoth_ClearedInBothAndCounted()
    {
        var a = Pattern();
        var b = new MinAtarGrid();
        b[2, 3] = b[5, 5] = b[4, 4] = true;
        Assert.Equal(2, a.RemoveOverlap(b));
        Assert.Equal((5, false, false), (a.Count, a[2, 3], a[5, 5]));
        Assert.Equal((1, true), (b.Count, b[4, 4]));
    }

    [Fact]
    public void AnyInRowAndColumn_SeeOnlyTheirLine()
    {
        var grid = Pattern();
        Assert.Equal([true, false, true, false, false, true, false, true, false, true], Enumerable.Range(0, 10).Select(grid.AnyInRow));
        Assert.Equal([true, true, false, true, false, true, false, false, false, true], Enumerable.Range(0, 10).Select(grid.AnyInColumn));
    }
}
