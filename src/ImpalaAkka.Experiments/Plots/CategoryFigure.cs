using ImpalaAkka.Environments;

namespace ImpalaAkka.Experiments.Plots;

/// <summary>
/// Means with 95% error bars at categorical x values (the point's <c>X</c> is the category's index),
/// one line per series; y spans <c>YRange</c> when it is known.
/// </summary>
internal sealed record CategoryFigure(
    string Name, string Title, string XLabel, string YLabel, IReadOnlyList<string> Categories, ReturnRange? YRange, IReadOnlyList<Series> Series)
    : Figure(Name, Title, XLabel, YLabel);
