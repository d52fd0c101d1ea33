using System.Diagnostics;

namespace ImpalaAkka.Impala.Training;

/// <summary>
/// One row of a run's fixed, namespaced metrics (cleanrl-style names), the same for metrics.csv and
/// the TensorBoard event file. <see cref="Values"/>[i] belongs to <see cref="ColumnsFor"/>[i] and is a long
/// (a count), a double (a measurement) or null (not measured yet: no learner step, no finished episode).
/// A multi-task run adds <c>charts/episodic_return/&lt;task&gt;</c> per task after the fixed columns.
/// </summary>
internal sealed class MetricsRow
{
    private static readonly string[] Columns =
    [
        "frames", "learner_steps", "wall_seconds",
        "charts/episodic_return", "charts/episode_length", "charts/episodes",
        "losses/total_loss", "losses/policy_loss", "losses/value_loss", "losses/entropy",
        "stats/grad_norm", "stats/learning_rate", "stats/lag_mean", "stats/lag_max",
        "stats/rho_clip_fraction", "stats/c_clip_fraction", "stats/mean_rho",
        "stats/frames_per_second", "stats/learner_steps_per_second", "stats/actor_restarts", "stats/dropped",
    ];

    /// <summary>The column names of a run reporting <paramref name="tasks"/> separately (none for a single-task run).</summary>
    public static IReadOnlyList<string> ColumnsFor(IReadOnlyList<string> tasks) => [.. Columns, .. tasks.Select(TaskReturnColumn)];

    private static string TaskReturnColumn(string task) => $"charts/episodic_return/{task}";

    private MetricsRow(IReadOnlyList<string> columns, long frames, object?[] values)
    {
        Debug.Assert(values.All(v => v is null or long or double));
        Debug.Assert(values.Length == columns.Count);
        Names = columns;
        Frames = frames;
        Values = values;
    }

    /// <summary>The column each of <see cref="Values"/> belongs to.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Environment frames: the first column, and the step of the row in TensorBoard.</summary>
    public long Frames { get; }

    public IReadOnlyList<object?> Values { get; }

    /// <summary>The row for <paramref name="s"/>; rates are over the interval since <paramref name="previous"/>, or since the start without one.</summary>
    public static MetricsRow From(TrainingSnapshot s, TrainingSnapshot? previous, IReadOnlyList<string> tasks)
    {
        var seconds = previous is null ? s.WallSeconds : s.WallSeconds - previous.WallSeconds;
        var fps = seconds > 0 ? (s.Frames - (previous?.Frames ?? 0)) / seconds : 0;
        var sps = seconds > 0 ? (s.LearnerSteps - (previous?.LearnerSteps ?? 0)) / seconds : 0;
        var m = s.Last;
        return new MetricsRow(ColumnsFor(tasks), s.Frames,
        [
            s.Frames, s.LearnerSteps, s.WallSeconds,
            s.ReturnMean100, s.LengthMean100, s.Episodes,
            m?.TotalLoss, m?.PolicyLoss, m?.BaselineLoss, m?.Entropy,
            m?.GradNorm, m?.LearningRate, s.LagMean, s.LagMax,
            m?.RhoClipFraction, m?.CClipFraction, m?.MeanRho,
            fps, sps, s.ActorRestarts, s.Dropped.Values.Sum(),
            .. tasks.Select(t => (object?)(s.ReturnMean100ByTask.TryGetValue(t, out var mean) ? mean : null)),
        ]);
    }

    /// <summary>
    /// Every measured column but <c>frames</c> (which is the step), as TensorBoard's 32-bit scalars. A null
    /// is left out, as the CSV leaves its cell empty; a NaN stays, as the CSV writes <c>NaN</c>.
    /// </summary>
    public IEnumerable<(string Tag, float Value)> Scalars()
    {
        for (var i = 1; i < Names.Count; i++)
        {
            if (Values[i] is { } value) yield return (Names[i], value is long n ? n : (float)(double)value);
        }
    }
}
