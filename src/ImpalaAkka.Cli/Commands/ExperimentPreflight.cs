using ImpalaAkka.Config;
using ImpalaAkka.Experiments;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Simulation;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// Reads the settings of every grid point of an experiment before its first cell runs, as the
/// cell's own <c>impala train</c> or <c>impala sim</c> would, so a misspelt grid key or a value out
/// of range is found at once rather than after hours of other cells. Cells that differ only by seed
/// share their settings but for <c>impala.seed</c>, so one cell of each grid point is read.
/// </summary>
internal static class ExperimentPreflight
{
    /// <summary>Distinct reasons shown in full, and grid points named under each; the rest are counted.</summary>
    public const int Shown = 5;

    /// <summary>A reason the settings were refused and the grid points (cell names without the seed) it refused.</summary>
    public sealed record Problem(string Reason, IReadOnlyList<string> Points);

    /// <summary>Every distinct reason a grid point's settings are refused, with the points; empty when all are fine.</summary>
    public static IReadOnlyList<Problem> Check(ExperimentSpec spec, IReadOnlyList<Cell> cells)
    {
        var problems = new List<(string Reason, string Point)>();
        foreach (var cell in cells.DistinctBy(c => c.GroupName))
        {
            try
            {
                var resolved = SettingsLoader.LoadConfig(cell.Config, cell.Assignments, $"{spec.SourceFile}: grid or set value");
                _ = SettingsLoader.Bind(resolved);
                if (spec.Wiring == "sim") _ = SimSettings.Bind(resolved);
            }
            catch (ConfigException e)
            {
                problems.Add((e.Message, cell.GroupName));
            }
        }
        return [.. problems.GroupBy(p => p.Reason).Select(g => new Problem(g.Key, [.. g.Select(p => p.Point)]))];
    }

    /// <summary>The lines that tell the user: a header, then each reason with the grid points it refused.</summary>
    public static IEnumerable<string> Describe(string file, long points, IReadOnlyList<Problem> problems)
    {
        yield return $"{file}: the settings of {problems.Sum(p => p.Points.Count)} of {points} grid points are refused; nothing was run";
        foreach (var problem in problems.Take(Shown))
        {
            yield return $"  {problem.Reason}";
            var more = problem.Points.Count > Shown ? $", and {problem.Points.Count - Shown} more" : "";
            yield return $"    in {string.Join(", ", problem.Points.Take(Shown))}{more}";
        }
        if (problems.Count > Shown) yield return $"  ... and {problems.Count - Shown} more reasons";
    }
}
