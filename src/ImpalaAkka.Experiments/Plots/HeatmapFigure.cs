using ImpalaAkka.Environments;
using ImpalaAkka.Experiments.Findings;

namespace ImpalaAkka.Experiments.Plots;

/// <summary>
/// A grid of cells coloured by their mean and annotated "mean ± ci"; <c>Cells[row, column]</c>, row 0
/// drawn at the bottom. The colour bar spans <c>ColorRange</c> when it is known, so colours compare across configs.
/// </summary>
internal sealed record HeatmapFigure(
    string Name, string Title, string XLabel, string YLabel, IReadOnlyList<string> Columns, IReadOnlyList<string> Rows,
    Estimate[,] Cells, string ColorLabel, ReturnRange? ColorRange)
    : Figure(Name, Title, XLabel, YLabel);
