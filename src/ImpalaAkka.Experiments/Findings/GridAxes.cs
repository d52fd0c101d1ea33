namespace ImpalaAkka.Experiments.Findings;

/// <summary>
/// Which grid axis a report puts along x (the injected lag if the grid varies it, else the first
/// axis) and which one it draws as separate lines (the correction method if it varies, else the
/// first other axis); plots and findings read the grid the same way.
/// </summary>
internal sealed record GridAxes(IReadOnlyList<string> All, string? X, string? Line)
{
    public const string Lag = "lag.k";
    public const string Correction = "learner.correction";

    /// <summary>The axes that are neither x nor the line axis: each value combination is its own panel.</summary>
    public IReadOnlyList<string> Rest => [.. All.Where(a => a != X && a != Line)];

    public static GridAxes Of(IReadOnlyList<string> axes)
    {
        var x = axes.Contains(Lag) ? Lag : axes.FirstOrDefault();
        var line = axes.Contains(Correction) && x != Correction ? Correction : axes.FirstOrDefault(a => a != x);
        return new GridAxes(axes, x, line);
    }
}
