using ImpalaAkka.Environments;

namespace ImpalaAkka.Experiments.Plots;

/// <summary>Lines over a continuous x with shaded 95% bands (learning curves); y spans <c>YRange</c> when it is known.</summary>
internal sealed record CurveFigure(string Name, string Title, string XLabel, string YLabel, ReturnRange? YRange, IReadOnlyList<Series> Series)
    : Figure(Name, Title, XLabel, YLabel);
