namespace ImpalaAkka.Experiments.Plots;

/// <summary>One line of a chart: a legend label and its points in x order.</summary>
internal sealed record Series(string Label, IReadOnlyList<BandPoint> Points);
