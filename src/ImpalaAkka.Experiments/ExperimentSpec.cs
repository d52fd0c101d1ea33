using System.Globalization;
using ImpalaAkka.Config;
using Cfg = ImpalaAkka.Config.Config;

namespace ImpalaAkka.Experiments;

/// <summary>
/// An ablation grid, read from an experiment file's <c>experiment</c> section:
/// <code>
/// experiment {
///   name = lag-ablation
///   wiring = train            # train (in-process) | sim (deterministic simulation)
///   configs = ["../hocon/catch.conf", "../hocon/cartpole.conf"]   # base configs, one grid axis
///   seeds = 5                 # seeds 1..5 (or a list: [3, 7])
///   frames = 100000           # impala.run.max-frames of every cell (absent: each base config's own)
///   threshold = 0.9           # frames-to-threshold target (absent: each base config's target-return);
///                             # runs always train on to the frame budget
///   grid { "lag.k" = [0, 2, 8, 32], "learner.correction" = [vtrace, none] }   # keys under impala.
///   set { "lag.mode" = fixed, "rollout.sync" = true }                          # the same for every cell
///   question = """What the grid asks, one paragraph; the report opens with it."""   # optional
/// }
/// </code>
/// Paths in <c>configs</c> are relative to the experiment file. Any other key in the section is an
/// error naming it, so a misspelt optional key cannot silently fall back to its default.
/// </summary>
public sealed record ExperimentSpec(
    string Name,
    string Wiring,
    IReadOnlyList<string> Configs,
    IReadOnlyList<int> Seeds,
    long? Frames,
    string? Threshold,
    IReadOnlyList<(string Key, IReadOnlyList<string> Values)> Grid,
    IReadOnlyList<(string Key, string Value)> Set,
    TimeSpan CellTimeout,
    string? Question,
    string SourceFile)
{
    // Every key the section may hold; grid and set take keys under impala.* and are checked when a cell's settings are read.
    private static readonly Cfg Known = Cfg.Parse("""
        experiment {
          name = "", wiring = train, configs = [], seeds = 1, frames = 1, threshold = 1
          grid {}, set {}, cell-timeout = 30m, question = ""
        }
        """, "experiment keys").GetConfig("experiment");

    /// <summary>The most seeds one experiment names (<c>seeds = N</c> or a list).</summary>
    public const int MaxSeeds = 10_000;

    /// <summary>The most cells <c>--max-cells</c> may allow: each is a process and a run folder.</summary>
    public const long CellLimit = 100_000;

    /// <summary>The range of <c>cell-timeout</c> (a timer cannot wait longer than about 24.8 days).</summary>
    public static readonly TimeSpan MinCellTimeout = TimeSpan.FromSeconds(1), MaxCellTimeout = TimeSpan.FromDays(24);

    /// <summary>The cells an experiment runs without <c>--max-cells</c>.</summary>
    public const long DefaultMaxCells = 1_000;

    /// <summary>Grid points (one value per axis): the product of the axes' lengths, at most <see cref="long.MaxValue"/>.</summary>
    public long PointCount => Grid.Aggregate(1L, (n, axis) => Saturating(n, axis.Values.Count));

    /// <summary>Number of cells (runs) the grid expands to (configs x points x seeds), at most <see cref="long.MaxValue"/>; known before any is made.</summary>
    public long CellCount => Saturating(Saturating(Configs.Count, PointCount), Seeds.Count);

    /// <summary>How the cell count comes about, for a message: "160 cells (2 configs x 16 grid points x 5 seeds)".</summary>
    public string CellCountText => string.Create(CultureInfo.InvariantCulture,
        $"{CellCount:N0} cells ({Configs.Count} configs x {PointCount:N0} grid points x {Seeds.Count} seeds)");

    private static long Saturating(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;

    public static ExperimentSpec Load(string path)
    {
        var c = Cfg.Load(path);
        if (!c.HasPath("experiment")) throw new ConfigException($"{path}: no 'experiment' section");
        c.GetConfig("experiment").RequireKnownKeys(Known, "experiment.grid", "experiment.set");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var name = c.GetString("experiment.name");
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('/'))
        {
            throw c.Invalid("experiment.name", $"'{name}' cannot name a folder");
        }
        var configs = c.GetStringList("experiment.configs").Select(p => Path.GetFullPath(Path.Combine(directory, p))).ToList();
        if (configs.Count == 0) throw c.Invalid("experiment.configs", "needs at least one base config");
        foreach (var config in configs)
        {
            if (!File.Exists(config)) throw c.Invalid("experiment.configs", $"{config} does not exist");
        }
        // A cell's folder is named by its config's file name and its cleaned values: two cells must never share one.
        foreach (var same in configs.GroupBy(Path.GetFileNameWithoutExtension).Where(g => g.Count() > 1))
        {
            throw c.Invalid("experiment.configs", $"{string.Join(" and ", same)} would both name their cells 'config={same.Key}'; give the files different names");
        }
        var seeds = SeedList(c);
        var grid = new List<(string, IReadOnlyList<string>)>();
        if (c.HasPath("experiment.grid"))
        {
            var section = c.GetConfig("experiment.grid");
            foreach (var key in section.LeafPaths())
            {
                var values = section.GetScalarTexts(key);
                if (values.Count == 0 || values.Distinct().Count() != values.Count)
                {
                    throw section.Invalid(key, "a grid axis needs at least one value, none twice");
                }
                if (values.GroupBy(Cell.Clean).FirstOrDefault(g => g.Count() > 1) is { } same)
                {
                    throw section.Invalid(key, $"values {string.Join(" and ", same)} would both name their cells '{key}={same.Key}'");
                }
                grid.Add((key, values));
            }
        }
        var set = new List<(string, string)>();
        if (c.HasPath("experiment.set"))
        {
            var section = c.GetConfig("experiment.set");
            set.AddRange(section.LeafPaths().Select(key => (key, section.GetScalarText(key))));
        }
        long? frames = c.HasPath("experiment.frames") ? c.GetLong("experiment.frames") : null;
        if (frames < 1) throw c.Invalid("experiment.frames", $"must be >= 1, got {frames}");
        var wiring = c.HasPath("experiment.wiring") ? c.GetChoice("experiment.wiring", "train", "sim") : "train";
        var threshold = c.HasPath("experiment.threshold") ? c.GetDouble("experiment.threshold").ToString("R", CultureInfo.InvariantCulture) : null;
        var timeout = c.HasPath("experiment.cell-timeout") ? c.GetDurationWithin("experiment.cell-timeout", MinCellTimeout, MaxCellTimeout) : TimeSpan.FromMinutes(30);
        // A triple-quoted paragraph spans lines in the file; the report wants it as one line of prose.
        var question = c.HasPath("experiment.question") ? string.Join(' ', c.GetString("experiment.question").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : null;
        if (question is "") throw c.Invalid("experiment.question", "is empty; leave the key out to get the generated question");
        return new ExperimentSpec(name, wiring, configs, seeds, frames, threshold, grid, set, timeout, question, Path.GetFullPath(path));
    }

    /// <summary><c>seeds = 5</c> means seeds 1..5; a list names them.</summary>
    private static List<int> SeedList(Cfg c)
    {
        List<int> seeds;
        if (c.GetScalarTextOrNull("experiment.seeds") is not null)
        {
            seeds = [.. Enumerable.Range(1, c.GetIntWithin("experiment.seeds", 1, MaxSeeds))];
        }
        else
        {
            var list = c.GetLongList("experiment.seeds");
            if (list.Count > MaxSeeds) throw c.Invalid("experiment.seeds", $"names {list.Count} seeds, more than the most of {MaxSeeds}");
            if (list.FirstOrDefault(s => s is < int.MinValue or > int.MaxValue) is var bad && bad is < int.MinValue or > int.MaxValue)
            {
                throw c.Invalid("experiment.seeds", $"seed {bad} is outside {int.MinValue}..{int.MaxValue} (impala.seed is an int)");
            }
            seeds = [.. list.Select(s => (int)s)];
        }
        if (seeds.Count == 0 || seeds.Distinct().Count() != seeds.Count) throw c.Invalid("experiment.seeds", "needs at least one seed, none twice");
        return seeds;
    }
}
