using System.Globalization;
using System.Text.Json;

namespace ImpalaAkka.Experiments;

/// <summary>
/// One finished run of a grid, read from its run directory (cell.json, summary.json, metrics.csv,
/// config.json): <c>Directory</c> is the folder's name under <c>runs/</c>, <c>Env</c> the environment it trained on.
/// </summary>
public sealed record RunRecord(
    string Group,
    string Config,
    string Env,
    string Directory,
    int Seed,
    IReadOnlyDictionary<string, string> Values,
    double FinalReturn,
    long? FramesToThreshold,
    double LagMean,
    long LagMax,
    double RhoClip,
    double CClip,
    IReadOnlyList<(double Frames, double Return)> Curve)
{
    /// <summary>Reads a run directory; null when it is not a finished cell run.</summary>
    public static RunRecord? Load(string directory)
    {
        var cellPath = Path.Combine(directory, ExperimentRunner.CellFile);
        if (!File.Exists(cellPath) || !ExperimentRunner.IsFinished(directory)) return null;
        using var cell = JsonDocument.Parse(File.ReadAllText(cellPath));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        var c = cell.RootElement;
        var s = summary.RootElement;
        var values = c.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
        var (curve, rho, cClip) = ReadMetrics(Path.Combine(directory, "metrics.csv"));
        var config = c.GetProperty("config").GetString()!;
        return new RunRecord(
            c.GetProperty("group").GetString()!, config, EnvName(directory, s) ?? config, Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)),
            c.GetProperty("seed").GetInt32(), values,
            Number(s, "return_mean100") ?? double.NaN,
            s.TryGetProperty("frames_to_target", out var ftt) && ftt.ValueKind == JsonValueKind.Number ? ftt.GetInt64() : null,
            Number(s, "lag_mean") ?? double.NaN,
            s.TryGetProperty("lag_max", out var max) ? max.GetInt64() : 0,
            rho, cClip, curve);
    }

    /// <summary>The run's resolved <c>impala.env.name</c>, else the env its summary names; null when neither is there.</summary>
    private static string? EnvName(string directory, JsonElement summary)
    {
        var configPath = Path.Combine(directory, "config.json");
        if (File.Exists(configPath))
        {
            using var config = JsonDocument.Parse(File.ReadAllText(configPath));
            if (config.RootElement.TryGetProperty("impala", out var impala) && impala.TryGetProperty("env", out var env) &&
                env.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                return name.GetString();
            }
        }
        return summary.TryGetProperty("env", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>The learning curve (frames, mean return of the last 100 episodes) and the run's mean clip fractions.</summary>
    internal static (List<(double, double)> Curve, double Rho, double C) ReadMetrics(string path)
    {
        var curve = new List<(double, double)>();
        if (!File.Exists(path)) return (curve, double.NaN, double.NaN);
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) return (curve, double.NaN, double.NaN);
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name);
        var (frames, ret, rho, c) = (Column("frames"), Column("charts/episodic_return"), Column("stats/rho_clip_fraction"), Column("stats/c_clip_fraction"));
        var rhos = new List<double>();
        var cs = new List<double>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            double? Read(int i) => i >= 0 && i < cells.Length && double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
            if (Read(frames) is { } f && Read(ret) is { } r && (curve.Count == 0 || f > curve[^1].Item1)) curve.Add((f, r));
            if (Read(rho) is { } rv) rhos.Add(rv);
            if (Read(c) is { } cv) cs.Add(cv);
        }
        return (curve, rhos.Count > 0 ? rhos.Average() : double.NaN, cs.Count > 0 ? cs.Average() : double.NaN);
    }
}
