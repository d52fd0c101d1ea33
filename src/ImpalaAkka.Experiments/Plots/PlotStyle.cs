using ScottPlot;
using SkiaSharp;

namespace ImpalaAkka.Experiments.Plots;

/// <summary>
/// How series look: the Okabe–Ito colour-blind-safe palette (yellow last: it is faint on white),
/// with a marker shape and a line pattern of their own per series, so lines that coincide (two
/// corrections both at 500) stay apart; and the font every text is drawn in.
/// </summary>
internal static class PlotStyle
{
    private static readonly Color[] Palette =
        [.. new[] { "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442" }.Select(Color.FromHex)];

    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond,
        MarkerShape.FilledSquare, MarkerShape.OpenCircle, MarkerShape.FilledTriangleDown, MarkerShape.OpenTriangleUp,
    ];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    public const string PreferredFont = "DejaVu Sans";

    public static Color ColorOf(int series) => Palette[series % Palette.Length];

    public static MarkerShape MarkerOf(int series) => Markers[series % Markers.Length];

    public static LinePattern PatternOf(int series) => Patterns[series % Patterns.Length];

    private static readonly Lazy<string> FontName = new(FindFont);

    /// <summary>
    /// DejaVu Sans (Debian's fonts-dejavu-core) where it is installed, else the system's first font.
    /// Skia finds fonts under /usr/share/fonts; with none it draws every label as nothing, so
    /// plots without text are refused rather than written.
    /// </summary>
    public static string Font => FontName.Value;

    private static string FindFont()
    {
        var fonts = SKFontManager.Default;
        // Without fonts Skia still answers, with an unnamed empty typeface: compare the names.
        using var preferred = fonts.MatchFamily(PreferredFont);
        if (preferred?.FamilyName == PreferredFont) return PreferredFont;
        return fonts.FontFamilies.FirstOrDefault(f => !string.IsNullOrWhiteSpace(f)) ?? throw new InvalidOperationException(
            "no font is installed, so plots would have no text; install one (Debian: apt-get install fonts-dejavu-core)");
    }
}
