using System.Text.Json;
using System.Text.Json.Serialization;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Impala.Training;

/// <summary>
/// summary.json: the run's result in one object (snake_case keys). <c>return_mean100_by_task</c> has every
/// configured task (the one environment for a single-task run), null where it finished no episode.
/// </summary>
public sealed record RunSummary(
    string Env,
    string Experiment,
    int Seed,
    string StopReason,
    long Frames,
    long Episodes,
    long LearnerSteps,
    double WallSeconds,
    double? ReturnMean100,
    IReadOnlyDictionary<string, double?> ReturnMean100ByTask,
    long? FramesToTarget,
    double? WallSecondsToTarget,
    double? TargetReturn,
    double LagMean,
    long LagMax,
    IReadOnlyDictionary<string, long> LagHistogram,
    long ActorRestarts,
    long ActorsStopped,
    long DeadLetters,
    long UnrollsUsed,
    long UnrollsReplayed,
    IReadOnlyDictionary<string, long> Dropped,
    double FramesPerSecond,
    long FinalVersion,
    string? CheckpointError)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static RunSummary From(ImpalaSettings s, TrainingOutcome outcome)
    {
        var f = outcome.Final;
        return new RunSummary(s.Env.Name, s.Experiment, s.Seed, outcome.StopReason.ToText(), f.Frames, f.Episodes, f.LearnerSteps, f.WallSeconds,
            f.ReturnMean100, s.Env.TaskNames.ToDictionary(t => t, t => f.ReturnMean100ByTask.TryGetValue(t, out var mean) ? mean : (double?)null),
            f.FramesToTarget, f.WallSecondsToTarget, s.Run.TargetReturn,
            f.LagMean, f.LagMax, f.LagHistogram.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
            f.ActorRestarts, f.ActorsStopped, f.DeadLetters, f.UnrollsUsed, f.UnrollsReplayed, f.Dropped,
            f.WallSeconds > 0 ? f.Frames / f.WallSeconds : 0, outcome.FinalVersion, outcome.CheckpointError);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public void Write(string path) => AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(ToJson())));
}
