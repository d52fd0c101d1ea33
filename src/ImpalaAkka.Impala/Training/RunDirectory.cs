using System.Globalization;
using System.Text;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Impala.Training;

/// <summary>
/// A run's folder, <c>{root}/{env}__{experiment}__{seed}__{yyyyMMdd-HHmmss}</c>, holding
/// <c>config.json</c> (the resolved configuration), <c>metrics.csv</c>, <c>events.out.tfevents.*</c> (the same
/// metrics for TensorBoard, one file per start), <c>checkpoint.iat</c>,
/// <c>events.log</c> and, at the end, <c>summary.json</c>.
/// </summary>
public sealed class RunDirectory
{
    private RunDirectory(string path) => Path = path;

    public string Path { get; }

    public string ConfigFile => System.IO.Path.Combine(Path, "config.json");

    public string MetricsFile => System.IO.Path.Combine(Path, "metrics.csv");

    public string CheckpointFile => System.IO.Path.Combine(Path, Checkpoint.FileName);

    public string SummaryFile => System.IO.Path.Combine(Path, "summary.json");

    public string EventsFile => System.IO.Path.Combine(Path, "events.log");

    public static string Name(ImpalaSettings s, DateTime startedUtc) =>
        $"{s.Env.Name}__{s.Experiment}__{s.Seed}__{startedUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}";

    /// <summary>A new folder under <c>impala.run.root</c> (a suffix keeps two runs started in the same second apart).</summary>
    public static RunDirectory CreateNew(ImpalaSettings s, DateTime startedUtc) => CreateNew(s.Run.Root, Name(s, startedUtc));

    /// <summary>A new folder <paramref name="name"/> under <paramref name="root"/>, suffixed like the other overload.</summary>
    public static RunDirectory CreateNew(string root, string name)
    {
        var basePath = System.IO.Path.Combine(root, name);
        var path = basePath;
        for (var n = 2; Directory.Exists(path); n++) path = $"{basePath}-{n}";
        Directory.CreateDirectory(path);
        return new RunDirectory(path);
    }

    /// <summary>
    /// A given folder: created if missing; an existing one must not hold another run (a checkpoint, metrics or a summary) unless resuming.
    /// <paramref name="resumable"/>: whether the refusal may suggest <c>--resume</c> (a command that cannot resume says only to choose another folder).
    /// </summary>
    public static RunDirectory At(string path, bool resume, bool resumable = true)
    {
        var run = new RunDirectory(path);
        if (resume)
        {
            if (!File.Exists(run.CheckpointFile))
            {
                throw new InvalidOperationException($"{path}: cannot resume, there is no {Checkpoint.FileName} in it");
            }
            return run;
        }
        if (File.Exists(run.CheckpointFile) || File.Exists(run.MetricsFile) || File.Exists(run.SummaryFile))
        {
            throw new InvalidOperationException($"{path}: already holds a run ({(resumable ? "use --resume to continue it, or choose another --run-dir" : "choose another --run-dir; an earlier run is never written over")})");
        }
        Directory.CreateDirectory(path);
        return run;
    }

    /// <summary>Writes the resolved configuration: config.json for a new run; config.resumed.json when resuming, so the original stays.</summary>
    public void WriteConfig(string renderedConfig, bool resuming = false) =>
        AtomicFile.Write(resuming ? System.IO.Path.Combine(Path, "config.resumed.json") : ConfigFile,
            stream => stream.Write(Encoding.UTF8.GetBytes(renderedConfig)));
}
