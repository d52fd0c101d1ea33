namespace ImpalaAkka.Experiments.Plots;

/// <summary>Every figure of a report, and the ones its headline figure (<c>plots/main</c>) puts side by side.</summary>
internal sealed record FigureSet(IReadOnlyList<Figure> All, IReadOnlyList<Figure> Headline);
