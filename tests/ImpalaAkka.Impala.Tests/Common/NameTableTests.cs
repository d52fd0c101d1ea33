using ImpalaAkka.Impala.Common;

namespace ImpalaAkka.Impala.Tests.Common;

public sealed class NameTableTests
{
    private enum Colour
    {
        Red,
        DarkBlue,
    }

    [Fact]
    public void NameOfAndParse_EveryValue_RoundTrip()
    {
        var table = new NameTable<Colour>((Colour.Red, "red"), (Colour.DarkBlue, "dark-blue"));
        Assert.Equal(["red", "dark-blue"], table.Names);
        Assert.All(Enum.GetValues<Colour>(), c => Assert.Equal(c, table.Parse(table.NameOf(c))));
    }

    [Fact]
    public void Parse_UnknownName_ListsTheNames()
    {
        var table = new NameTable<Colour>((Colour.Red, "red"), (Colour.DarkBlue, "dark-blue"));
        var e = Assert.Throws<ArgumentException>(() => table.Parse("Red"));
        Assert.StartsWith("expected one of red | dark-blue, got \"Red\"", e.Message);
    }

    [Fact]
    public void Constructor_ValueWithoutName_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new NameTable<Colour>((Colour.Red, "red")));
        Assert.StartsWith("Colour has no name for DarkBlue", e.Message);
    }

    [Fact]
    public void Constructor_NameUsedTwice_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new NameTable<Colour>((Colour.Red, "red"), (Colour.DarkBlue, "red")));
        Assert.StartsWith("'red' names two values of Colour", e.Message);
    }

    [Fact]
    public void NameOf_UnnamedNumber_Throws()
    {
        var table = new NameTable<Colour>((Colour.Red, "red"), (Colour.DarkBlue, "dark-blue"));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.NameOf((Colour)7));
    }
}
