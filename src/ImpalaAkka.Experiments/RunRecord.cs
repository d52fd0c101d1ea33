using System.Globalization;
using System.Text.Json;

namespace ImpalaAkka.Experiments;

/// <summary>
/// One finished run of a grid, read from its run directory (cell.json, summary.json, metrics.csv,
/// config.json): <c>Directory</c> is the folder's name under <c>runs/</c>, <c>Env</c> the environment it trained on.
/// Optional summary fields that are absent or not numbers read as NaN (or 0 for <c>LagMax</c>).
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
    private const string SummaryFile = "summary.json";
    private const string ConfigFile = "config.json";

    /// <summary>
    /// Reads a run directory. A missing, truncated or corrupt cell.json, a corrupt summary.json or config.json, or one
    /// that lacks a field the report needs makes it <see cref="RunFolder.Unusable"/>, naming the file and the reason.
    /// </summary>
    public static RunFolder Load(string directory)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        try
        {
            using var cell = Json(directory, ExperimentRunner.CellFile) ?? throw new BadFile(ExperimentRunner.CellFile, "is missing");
            using var summary = Json(directory, SummaryFile);
            if (summary is null) return new RunFolder.Unfinished(name, "no summary.json");
            var stop = Text(summary.RootElement, SummaryFile, "stop_reason");
            if (!ExperimentRunner.IsFinishedReason(stop)) return new RunFolder.Unfinished(name, stop);
            using var config = Json(directory, ConfigFile);
            var c = cell.RootElement;
            var s = summary.RootElement;
            if (!c.TryGetProperty("values", out var v) || v.ValueKind != JsonValueKind.Object) throw new BadFile(ExperimentRunner.CellFile, "has no object 'values'");
            var values = v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String
                ? p.Value.GetString()!
                : throw new BadFile(ExperimentRunner.CellFile, $"'values.{p.Name}' is not a string"));
            if (!c.TryGetProperty("seed", out var seed) || !seed.TryGetInt32(out var seedNumber)) throw new BadFile(ExperimentRunner.CellFile, "has no integer 'seed'");
            List<(double, double)> curve;
            double rho, cClip;
            try
            {
                (curve, rho, cClip) = ReadMetrics(Path.Combine(directory, "metrics.csv"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BadFile("metrics.csv", $"could not be read ({e.Message})");
            }
            var configName = Text(c, ExperimentRunner.CellFile, "config");
            return new RunFolder.Finished(new RunRecord(
                Text(c, ExperimentRunner.CellFile, "group"), configName, EnvName(config?.RootElement, s) ?? configName, name, seedNumber, values,
                Number(s, "return_mean100") ?? double.NaN,
                s.TryGetProperty("frames_to_target", out var ftt) && ftt.ValueKind == JsonValueKind.Number && ftt.TryGetInt64(out var frames) ? frames : null,
                Number(s, "lag_mean") ?? double.NaN,
                s.TryGetProperty("lag_max", out var max) && max.ValueKind == JsonValueKind.Number && max.TryGetInt64(out var lagMax) ? lagMax : 0,
                rho, cClip, curve));
        }
        catch (BadFile e)
        {
            return new RunFolder.Unusable(name, e.File, e.Reason);
        }
    }

    /// <summary>A file of the run parsed as a JSON object; null when it does not exist.</summary>
    private static JsonDocument? Json(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path)) return null;
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new BadFile(file, $"is not valid JSON ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadFile(file, $"could not be read ({e.Message})");
        }
        if (json.RootElement.ValueKind == JsonValueKind.Object) return json;
        var kind = json.RootElement.ValueKind.ToString().ToLowerInvariant();
        json.Dispose();
        throw new BadFile(file, $"holds a JSON {kind}, not an object");
    }

    private static string Text(JsonElement e, string file, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new BadFile(file, $"has no string '{name}'");

    /// <summary>The run's resolved <c>impala.env.name</c>, else the env its summary names; null when neither is there.</summary>
    private static string? EnvName(JsonElement? config, JsonElement summary)
    {
        if (config is { } root && root.TryGetProperty("impala", out var impala) && impala.ValueKind == JsonValueKind.Object &&
            impala.TryGetProperty("env", out var env) && env.ValueKind == JsonValueKind.Object &&
            env.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            return name.GetString();
        }
        return summary.TryGetProperty("env", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>Why <see cref="Load"/> cannot use a file of the run; it never leaves <see cref="Load"/>.</summary>
    private sealed class BadFile(string file, string reason) : Exception($"{file} {reason}")
    {
        public string File { get; } = file;

        public string Reason { get; } = reason;
    }

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
