using ImpalaAkka.Environments;
using ImpalaAkka.Experiments.Findings;
using ScottPlot;
using SkiaSharp;

namespace ImpalaAkka.Experiments.Plots;

/// <summary>
/// Draws figures with ScottPlot and saves each as <c>NAME.svg</c> and <c>NAME.png</c>: titled, axes
/// labelled, the legend in its own panel right of the data, error bars and bands as clipped by
/// <see cref="ReportFigures"/>, and y spanning the quantity's whole range where it is known, so
/// panels of one environment compare at a glance.
/// </summary>
internal static class FigureRenderer
{
    public const int Width = 800;
    public const int Height = 500;

    /// <summary>Writes <c>{directory}/{figure.Name}.svg</c> and <c>.png</c>; returns the two file names.</summary>
    public static (string Svg, string Png) Save(Figure figure, string directory)
    {
        using var plot = Draw(figure);
        var (svg, png) = (figure.Name + ".svg", figure.Name + ".png");
        plot.SaveSvg(Path.Combine(directory, svg), Width, Height);
        plot.SavePng(Path.Combine(directory, png), Width, Height);
        return (svg, png);
    }

    /// <summary>The figures side by side, two per row, as <c>{name}.svg</c> and <c>{name}.png</c>.</summary>
    public static (string Svg, string Png) SaveComposite(IReadOnlyList<Figure> figures, string directory, string name)
    {
        var plots = figures.Select(Draw).ToList();
        try
        {
            var columns = Math.Min(2, plots.Count);
            var rows = (plots.Count + columns - 1) / columns;
            var (width, height) = (columns * Width, rows * Height);
            void RenderAll(SKCanvas canvas)
            {
                canvas.Clear(SKColors.White);
                for (var i = 0; i < plots.Count; i++)
                {
                    var (left, top) = (i % columns * Width, i / columns * Height);
                    // A plot clears its whole canvas before drawing; the clip keeps it to its own panel.
                    canvas.Save();
                    canvas.ClipRect(new SKRect(left, top, left + Width, top + Height));
                    plots[i].Render(canvas, new PixelRect(left, left + Width, top + Height, top));
                    canvas.Restore();
                }
            }
            var (svg, png) = (name + ".svg", name + ".png");
            using (var stream = File.Create(Path.Combine(directory, svg)))
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            {
                RenderAll(canvas);
            }
            using (var surface = SKSurface.Create(new SKImageInfo(width, height)))
            {
                RenderAll(surface.Canvas);
                using var image = surface.Snapshot();
                using var data = image.Encode(SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(Path.Combine(directory, png), data.ToArray());
            }
            return (svg, png);
        }
        finally
        {
            foreach (var plot in plots) plot.Dispose();
        }
    }

    private static Plot Draw(Figure figure)
    {
        var plot = new Plot();
        switch (figure)
        {
            case CurveFigure f: DrawCurves(plot, f); break;
            case CategoryFigure f: DrawCategories(plot, f); break;
            case HeatmapFigure f: DrawHeatmap(plot, f); break;
            default: throw new ArgumentException($"no drawing for {figure.GetType().Name}", nameof(figure));
        }
        plot.Title(figure.Title, size: 15);
        plot.XLabel(figure.XLabel, size: 13);
        plot.YLabel(figure.YLabel, size: 13);
        plot.Font.Set(PlotStyle.Font);
        return plot;
    }

    private static void SpanY(Plot plot, ReturnRange? range)
    {
        if (range is null) return;
        var pad = (range.Max - range.Min) * 0.04;
        plot.Axes.SetLimitsY(range.Min - pad, range.Max + pad);
    }

    private static void DrawCurves(Plot plot, CurveFigure figure)
    {
        for (var s = 0; s < figure.Series.Count; s++)
        {
            var points = figure.Series[s].Points;
            if (points.Count == 0) continue;
            var color = PlotStyle.ColorOf(s);
            double[] xs = [.. points.Select(p => p.X)];
            var band = plot.Add.FillY(xs, points.Select(p => p.Low).ToArray(), points.Select(p => p.High).ToArray());
            band.FillColor = color.WithAlpha(0.15);
            band.LineWidth = 0;
            var line = plot.Add.ScatterLine(xs, points.Select(p => p.Mean).ToArray(), color);
            line.LineWidth = 2;
            line.LinePattern = PlotStyle.PatternOf(s);
            // Markers on every 8th point, shifted per series, so coinciding curves still show each marker.
            var offset = s * 8 / Math.Max(1, figure.Series.Count);
            var marked = points.Where((_, i) => i % 8 == offset % 8).ToList();
            plot.Add.Markers(marked.Select(p => p.X).ToArray(), marked.Select(p => p.Mean).ToArray(), PlotStyle.MarkerOf(s), 8, color);
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = figure.Series[s].Label, LineColor = color, LineWidth = 2, LinePattern = PlotStyle.PatternOf(s),
                MarkerShape = PlotStyle.MarkerOf(s), MarkerSize = 8, MarkerColor = color,
            });
        }
        SpanY(plot, figure.YRange);
        plot.ShowLegend(Edge.Right);
    }

    private static void DrawCategories(Plot plot, CategoryFigure figure)
    {
        var n = figure.Series.Count;
        for (var s = 0; s < n; s++)
        {
            var points = figure.Series[s].Points;
            if (points.Count == 0) continue;
            var color = PlotStyle.ColorOf(s);
            // Series at one category are spread a little sideways so their error bars do not hide each other.
            var dodge = n == 1 ? 0 : (s - (n - 1) / 2.0) * 0.3 / n;
            double[] xs = [.. points.Select(p => p.X + dodge)];
            double[] ys = [.. points.Select(p => p.Mean)];
            var bars = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null,
                [.. points.Select(p => p.High - p.Mean)], [.. points.Select(p => p.Mean - p.Low)])
            {
                LineColor = color, LineWidth = 1.5f, CapSize = 6,
            };
            plot.Add.Plottable(bars);
            var line = plot.Add.Scatter(xs, ys, color);
            line.LineWidth = 2;
            line.LinePattern = PlotStyle.PatternOf(s);
            line.MarkerShape = PlotStyle.MarkerOf(s);
            line.MarkerSize = 9;
            line.LegendText = figure.Series[s].Label;
        }
        plot.Axes.Bottom.SetTicks([.. figure.Categories.Select((_, i) => (double)i)], [.. figure.Categories]);
        plot.Axes.SetLimitsX(-0.5, figure.Categories.Count - 0.5);
        SpanY(plot, figure.YRange);
        plot.ShowLegend(Edge.Right);
    }

    private static void DrawHeatmap(Plot plot, HeatmapFigure figure)
    {
        var (rows, columns) = (figure.Rows.Count, figure.Columns.Count);
        var means = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++) means[r, c] = figure.Cells[r, c].Mean;
        var heatmap = plot.Add.Heatmap(means);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        // ScottPlot draws row 0 at the top, as in an image; a grid reads upwards like an axis.
        heatmap.FlipVertically = true;
        var finite = means.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var (low, high) = figure.ColorRange is { } range ? (range.Min, range.Max) : (finite.Min(), finite.Max());
        if (high <= low) high = low + 1;
        heatmap.ManualRange = new ScottPlot.Range(low, high);
        heatmap.NaNCellColor = Colors.LightGray;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = figure.ColorLabel;
        bar.LabelStyle.FontSize = 13;
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < columns; c++)
        {
            var cell = figure.Cells[r, c];
            if (!double.IsFinite(cell.Mean)) continue;
            var text = plot.Add.Text(FormatCell(cell), c, r);
            text.Alignment = Alignment.MiddleCenter;
            text.LabelFontSize = rows * columns > 16 ? 11 : 13;
            text.LabelFontColor = TextOn(heatmap.Colormap.GetColor(Math.Clamp((cell.Mean - low) / (high - low), 0, 1)));
        }
        plot.Axes.Bottom.SetTicks([.. figure.Columns.Select((_, i) => (double)i)], [.. figure.Columns]);
        plot.Axes.Left.SetTicks([.. figure.Rows.Select((_, i) => (double)i)], [.. figure.Rows]);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
        plot.HideGrid();
    }

    /// <summary>
    /// Black on light cells, white on dark ones, by the cell's relative luminance (Rec. 709
    /// weights); ScottPlot's <c>Color.Luminance</c> put white text on viridis's yellow end.
    /// </summary>
    internal static Color TextOn(Color cell) =>
        (0.2126 * cell.Red + 0.7152 * cell.Green + 0.0722 * cell.Blue) / 255 > 0.5 ? Colors.Black : Colors.White;

    private static string FormatCell(Estimate cell) =>
        double.IsFinite(cell.Ci) ? $"{Number(cell.Mean)}\n± {Number(cell.Ci)}" : Number(cell.Mean);

    /// <summary>Three significant digits: enough to read a cell, short enough to fit it.</summary>
    private static string Number(double v) =>
        v.ToString(Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 10 ? "0.#" : "0.##", System.Globalization.CultureInfo.InvariantCulture);
}
