using System.Globalization;
using System.Net;
using System.Text;

namespace ImpalaAkka.Experiments;

/// <summary>A named line with optional 95% band (Low..High) per point.</summary>
public sealed record Series(string Name, IReadOnlyList<(double X, double Y, double Low, double High)> Points);

/// <summary>
/// Hand-written SVG charts (no scripts, no external references, so a report opens offline):
/// line charts with confidence bands or error bars, and annotated heatmaps.
/// </summary>
public static class Svg
{
    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
    private const int Width = 560, Height = 360, Left = 64, Right = 16, Top = 40, Bottom = 52;

    private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A line chart. With <paramref name="categories"/>, x values are indexes into it and points get error bars instead of bands.</summary>
    public static string LineChart(string title, string xLabel, string yLabel, IReadOnlyList<Series> series, IReadOnlyList<string>? categories = null)
    {
        var all = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.Y)).ToList();
        var svg = Begin(title);
        if (all.Count == 0) return svg.Append(Text(Width / 2, Height / 2, "no data", "middle")).Append("</svg>").ToString();
        var (x0, x1) = categories is null ? (all.Min(p => p.X), all.Max(p => p.X)) : (-0.5, categories.Count - 0.5);
        var lows = all.Select(p => double.IsFinite(p.Low) ? p.Low : p.Y);
        var highs = all.Select(p => double.IsFinite(p.High) ? p.High : p.Y);
        var (y0, y1, yTicks) = NiceRange(lows.Min(), highs.Max());
        if (x1 <= x0) x1 = x0 + 1;
        double X(double x) => Left + (x - x0) / (x1 - x0) * (Width - Left - Right);
        double Y(double y) => Height - Bottom - (y - y0) / (y1 - y0) * (Height - Top - Bottom);
        Axes(svg, xLabel, yLabel);
        foreach (var t in yTicks)
        {
            svg.Append($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{F(Y(t))}\" y2=\"{F(Y(t))}\" stroke=\"#e6e6e6\"/>");
            svg.Append(Text(Left - 6, Y(t) + 4, Tick(t), "end"));
        }
        if (categories is null)
        {
            foreach (var t in NiceRange(x0, x1).Ticks) svg.Append(Text(X(t), Height - Bottom + 16, Tick(t), "middle"));
        }
        else
        {
            for (var i = 0; i < categories.Count; i++) svg.Append(Text(X(i), Height - Bottom + 16, categories[i], "middle"));
        }
        for (var s = 0; s < series.Count; s++)
        {
            var color = Palette[s % Palette.Length];
            var points = series[s].Points.Where(p => double.IsFinite(p.Y)).ToList();
            if (points.Count == 0) continue;
            var banded = points.Where(p => double.IsFinite(p.Low) && double.IsFinite(p.High)).ToList();
            if (categories is null && banded.Count >= 2)
            {
                var band = banded.Select(p => $"{F(X(p.X))},{F(Y(p.High))}").Concat(banded.AsEnumerable().Reverse().Select(p => $"{F(X(p.X))},{F(Y(p.Low))}"));
                svg.Append($"<polygon points=\"{string.Join(' ', band)}\" fill=\"{color}\" fill-opacity=\"0.15\" stroke=\"none\"/>");
            }
            svg.Append($"<polyline points=\"{string.Join(' ', points.Select(p => $"{F(X(p.X))},{F(Y(p.Y))}"))}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
            if (categories is not null)
            {
                foreach (var p in points)
                {
                    if (double.IsFinite(p.Low) && double.IsFinite(p.High))
                    {
                        svg.Append($"<line x1=\"{F(X(p.X))}\" x2=\"{F(X(p.X))}\" y1=\"{F(Y(p.Low))}\" y2=\"{F(Y(p.High))}\" stroke=\"{color}\" stroke-width=\"1.5\"/>");
                    }
                    svg.Append($"<circle cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Y))}\" r=\"3.5\" fill=\"{color}\"/>");
                }
            }
        }
        Legend(svg, series.Select(s => s.Name).ToList());
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A heatmap of <paramref name="values"/>[row, column] with "mean ± ci" written in each cell; NaN cells are grey.</summary>
    public static string Heatmap(string title, string xLabel, string yLabel, IReadOnlyList<string> columns, IReadOnlyList<string> rows, double[,] values, double[,] ci)
    {
        var svg = Begin(title);
        var finite = values.Cast<double>().Where(double.IsFinite).ToList();
        var (lo, hi) = finite.Count == 0 ? (0.0, 1.0) : (finite.Min(), finite.Max());
        var cellW = (Width - Left - Right) / (double)columns.Count;
        var cellH = (Height - Top - Bottom) / (double)rows.Count;
        Axes(svg, xLabel, yLabel);
        for (var r = 0; r < rows.Count; r++)
        {
            var y = Top + (rows.Count - 1 - r) * cellH;
            svg.Append(Text(Left - 6, y + cellH / 2 + 4, rows[r], "end"));
            for (var c = 0; c < columns.Count; c++)
            {
                var x = Left + c * cellW;
                var v = values[r, c];
                var t = hi > lo && double.IsFinite(v) ? (v - lo) / (hi - lo) : 0.5;
                var fill = double.IsFinite(v) ? Viridis(t) : "#cccccc";
                svg.Append($"<rect x=\"{F(x)}\" y=\"{F(y)}\" width=\"{F(cellW - 2)}\" height=\"{F(cellH - 2)}\" fill=\"{fill}\"/>");
                var label = double.IsFinite(v) ? Tick(v) + (double.IsFinite(ci[r, c]) ? " ± " + Tick(ci[r, c]) : "") : "n/a";
                svg.Append($"<text x=\"{F(x + cellW / 2)}\" y=\"{F(y + cellH / 2 + 4)}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{(t > 0.6 ? "#000" : "#fff")}\">{E(label)}</text>");
            }
        }
        for (var c = 0; c < columns.Count; c++) svg.Append(Text(Left + (c + 0.5) * cellW, Height - Bottom + 16, columns[c], "middle"));
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Begin(string title) => new StringBuilder()
        .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">")
        .Append($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"#fff\"/>")
        .Append(Text(Width / 2, 20, title, "middle", 13, bold: true));

    private static void Axes(StringBuilder svg, string xLabel, string yLabel)
    {
        svg.Append($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append(Text((Left + Width - Right) / 2.0, Height - 12, xLabel, "middle", 12));
        svg.Append($"<text transform=\"translate(16,{F((Top + Height - Bottom) / 2.0)}) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">{E(yLabel)}</text>");
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<string> names)
    {
        if (names.Count <= 1 && names.All(n => n.Length == 0)) return;
        var x = Left + 10;
        var y = Top + 6;
        var width = names.Max(n => n.Length) * 6.5 + 30;
        svg.Append($"<rect x=\"{x - 4}\" y=\"{y - 2}\" width=\"{F(width)}\" height=\"{names.Count * 15 + 4}\" fill=\"#fff\" fill-opacity=\"0.85\" stroke=\"#ccc\"/>");
        for (var i = 0; i < names.Count; i++)
        {
            var color = Palette[i % Palette.Length];
            svg.Append($"<line x1=\"{x}\" x2=\"{x + 16}\" y1=\"{y + 8 + i * 15}\" y2=\"{y + 8 + i * 15}\" stroke=\"{color}\" stroke-width=\"3\"/>");
            svg.Append(Text(x + 22, y + 12 + i * 15, names[i], "start"));
        }
    }

    private static string Text(double x, double y, string text, string anchor, int size = 11, bool bold = false) =>
        $"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"{size}\"{(bold ? " font-weight=\"bold\"" : "")}>{E(text)}</text>";

    private static string Tick(double v) =>
        Math.Abs(v) >= 10000 ? (v / 1000).ToString("0.#", CultureInfo.InvariantCulture) + "k" : v.ToString(Math.Abs(v) >= 10 ? "0" : "0.##", CultureInfo.InvariantCulture);

    /// <summary>A range covering [lo, hi] with 4-6 round ticks.</summary>
    internal static (double Lo, double Hi, IReadOnlyList<double> Ticks) NiceRange(double lo, double hi)
    {
        if (!(hi > lo)) (lo, hi) = (lo - 1, hi + 1);
        var raw = (hi - lo) / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1.0, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= raw);
        var start = Math.Floor(lo / step) * step;
        var end = Math.Ceiling(hi / step) * step;
        var ticks = new List<double>();
        for (var t = start; t <= end + step / 2; t += step) ticks.Add(Math.Round(t, 10));
        return (start, end, ticks);
    }

    private static string Viridis(double t)
    {
        (double, double, double)[] stops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];
        t = Math.Clamp(t, 0, 1) * (stops.Length - 1);
        var i = Math.Min((int)t, stops.Length - 2);
        var f = t - i;
        var (r0, g0, b0) = stops[i];
        var (r1, g1, b1) = stops[i + 1];
        return $"rgb({(int)(r0 + (r1 - r0) * f)},{(int)(g0 + (g1 - g0) * f)},{(int)(b0 + (b1 - b0) * f)})";
    }
}
