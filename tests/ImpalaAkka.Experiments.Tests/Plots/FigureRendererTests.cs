using System.Xml.Linq;
using ImpalaAkka.Environments;
using ImpalaAkka.Experiments.Findings;
using ImpalaAkka.Experiments.Plots;

namespace ImpalaAkka.Experiments.Tests.Plots;

public sealed class FigureRendererTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly Figure[] Figures =
    [
        new CategoryFigure("category", "Final return vs lag", "lag (versions)", "return", ["0", "8"], new ReturnRange(0, 500),
            [new Series("vtrace", [new BandPoint(0, 495, 486, 500), new BandPoint(1, 10, 0, 40)]), new Series("none", [new BandPoint(0, 495, 486, 500)])]),
        new CurveFigure("curves", "Learning curves", "frames", "return", new ReturnRange(-1, 1),
            [new Series("vtrace", [new BandPoint(0, -0.5, -1, 0), new BandPoint(1000, 0.9, 0.8, 1)])]),
        new HeatmapFigure("heatmap", "Final return heatmap", "c-bar", "rho-bar", ["0.5", "1"], ["1"],
            new Estimate[,] { { new(0.9, 0.05), new(double.NaN, double.NaN) } }, "final return", new ReturnRange(-1, 1)),
    ];

    public static TheoryData<int> FigureIndices() => [0, 1, 2];

    private static void AssertPlotFiles(string directory, string name, string title)
    {
        var png = File.ReadAllBytes(Path.Combine(directory, name + ".png"));
        Assert.Equal(PngSignature, png[..8]);
        var svg = XDocument.Load(Path.Combine(directory, name + ".svg"));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        // ScottPlot writes each text as a <text> element: the title must be there, not drawn as nothing.
        Assert.Contains(svg.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value.Contains(title, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(FigureIndices))]
    public void Save_EachKind_WritesAPngAndAnSvgWithItsTitle(int index)
    {
        using var dir = new TempDir();
        var figure = Figures[index];
        Assert.Equal((figure.Name + ".svg", figure.Name + ".png"), FigureRenderer.Save(figure, dir.Path));
        AssertPlotFiles(dir.Path, figure.Name, figure.Title);
    }

    [Fact]
    public void SaveComposite_ThreeFigures_WritesOneImageTwoPanelsWide()
    {
        using var dir = new TempDir();
        FigureRenderer.SaveComposite(Figures, dir.Path, "main");
        AssertPlotFiles(dir.Path, "main", "Learning curves");
        var png = File.ReadAllBytes(Path.Combine(dir.Path, "main.png"));
        // IHDR: width and height, big-endian, at bytes 16..23.
        Assert.Equal(2 * FigureRenderer.Width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(2 * FigureRenderer.Height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    [Fact]
    public void Font_OnThisMachine_IsANamedFamily()
    {
        Assert.False(string.IsNullOrWhiteSpace(PlotStyle.Font));
    }

    [Theory]
    [InlineData(0.0, "white")]   // viridis's dark purple end
    [InlineData(0.45, "white")]  // its teal middle
    [InlineData(0.75, "black")]  // its green
    [InlineData(0.96, "black")]  // its yellow end
    public void TextOn_ViridisCell_IsReadable(double position, string expected)
    {
        var color = FigureRenderer.TextOn(new ScottPlot.Colormaps.Viridis().GetColor(position));
        Assert.Equal(expected == "black" ? ScottPlot.Colors.Black : ScottPlot.Colors.White, color);
    }
}
