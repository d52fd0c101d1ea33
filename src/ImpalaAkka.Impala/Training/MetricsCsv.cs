using System.Globalization;
using System.Text;

namespace ImpalaAkka.Impala.Training;

/// <summary>Appends one row of fixed, namespaced metrics per call (cleanrl-style names) to metrics.csv.</summary>
public sealed class MetricsCsv
{
    public static readonly string[] Columns =
    [
        "frames", "learner_steps", "wall_seconds",
        "charts/episodic_return", "charts/episode_length", "charts/episodes",
        "losses/total_loss", "losses/policy_loss", "losses/value_loss", "losses/entropy",
        "stats/grad_norm", "stats/learning_rate", "stats/lag_mean", "stats/lag_max",
        "stats/rho_clip_fraction", "stats/c_clip_fraction", "stats/mean_rho",
        "stats/frames_per_second", "stats/learner_steps_per_second", "stats/actor_restarts", "stats/dropped",
    ];

    private readonly string path;
    private TrainingSnapshot? previous;

    /// <summary>Opens <paramref name="path"/>, writing the header if the file is new; an existing file must have the same header.</summary>
    public MetricsCsv(string path)
    {
        this.path = path;
        var header = string.Join(",", Columns);
        if (File.Exists(path))
        {
            var first = File.ReadLines(path).FirstOrDefault();
            if (first != header)
            {
                throw new InvalidOperationException($"{path}: existing metrics file has different columns; not appending to it");
            }
        }
        else
        {
            File.WriteAllText(path, header + "\n");
        }
    }

    /// <summary>Appends a row; rates are over the interval since the previous row.</summary>
    public void Append(TrainingSnapshot s)
    {
        var seconds = previous is null ? s.WallSeconds : s.WallSeconds - previous.WallSeconds;
        var fps = seconds > 0 ? (s.Frames - (previous?.Frames ?? 0)) / seconds : 0;
        var sps = seconds > 0 ? (s.LearnerSteps - (previous?.LearnerSteps ?? 0)) / seconds : 0;
        previous = s;
        var m = s.Last;
        object?[] values =
        [
            s.Frames, s.LearnerSteps, s.WallSeconds,
            s.ReturnMean100, s.LengthMean100, s.Episodes,
            m?.TotalLoss, m?.PolicyLoss, m?.BaselineLoss, m?.Entropy,
            m?.GradNorm, m?.LearningRate, s.LagMean, s.LagMax,
            m?.RhoClipFraction, m?.CClipFraction, m?.MeanRho,
            fps, sps, s.ActorRestarts, s.Dropped.Values.Sum(),
        ];
        var line = new StringBuilder();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(values[i] switch
            {
                null => "",
                double d => d.ToString("G9", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString(),
            });
        }
        File.AppendAllText(path, line.Append('\n').ToString());
    }
}
