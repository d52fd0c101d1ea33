namespace ImpalaAkka.Experiments;

/// <summary>
/// One run of a grid: a base config, a value for every grid axis, and a seed. <c>Assignments</c>
/// are the <c>--set</c> arguments that make the run; <c>Name</c> is its folder, unique in the grid.
/// </summary>
public sealed record Cell(string Config, IReadOnlyList<(string Key, string Value)> Values, int Seed, IReadOnlyList<string> Assignments)
{
    /// <summary>The grid point without the seed: cells that differ only by seed form one group.</summary>
    public string GroupName => string.Join("__", [$"config={Path.GetFileNameWithoutExtension(Config)}", .. Values.Select(v => $"{v.Key}={Clean(v.Value)}")]);

    public string Name => $"{GroupName}__seed={Seed}";

    /// <summary>A value as it appears in a cell's folder name: letters, digits, '.', '-' and '_', anything else as '_'.</summary>
    internal static string Clean(string value) =>
        new([.. value.Trim('"').Select(ch => char.IsLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_')]);
}
