namespace ImpalaAkka.Experiments.Page;

/// <summary>A written plot: its title and its two files, relative to the report (<c>plots/NAME.svg</c>, <c>.png</c>).</summary>
internal sealed record PlotLink(string Title, string Svg, string Png);
