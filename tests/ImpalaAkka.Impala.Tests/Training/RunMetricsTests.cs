using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Tests.IO;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Tests.Training;

public sealed class RunMetricsTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly string directory = Directory.CreateTempSubdirectory("ia-runmetrics-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Csv => Path.Combine(directory, "metrics.csv");

    private static TrainingSnapshot Snapshot(long frames, long steps, double wallSeconds, double? returnMean, StepMetrics? last,
        IReadOnlyDictionary<string, double>? byTask = null) =>
        new(frames, steps, Episodes: returnMean is null ? 0 : 7, wallSeconds, returnMean, returnMean is null ? null : 20.5, returnMean is null ? 0 : 7,
            LagMean: 0.5, LagMax: 2, new Dictionary<long, long>(), new Dictionary<string, long> { ["stale"] = 3 },
            UnrollsUsed: 0, UnrollsReplayed: 0, ActorRestarts: 1, ActorsStopped: 0, DeadLetters: 0, FramesToTarget: null, WallSecondsToTarget: null, last,
            byTask ?? new Dictionary<string, double>());

    /// <summary>Before the first learner step (no losses, no episodes) and after one whose loss diverged.</summary>
    private static readonly TrainingSnapshot Early = Snapshot(1000, 5, 2.0, null, null);
    private static readonly TrainingSnapshot Later = Snapshot(3000, 15, 4.0, 12.5, new StepMetrics(double.NaN, 1.5, 0.25, 0.75, 2.5, 0.0005, 0.125, 0.0625, 1.0));

    [Fact]
    public void Append_TwoSnapshots_EventFileHoldsEachRowsMeasuredValuesAtFramesAndClock()
    {
        var clock = new ManualClock(Start);
        string eventFile;
        using (var metrics = new RunMetrics(directory, clock))
        {
            eventFile = metrics.EventFile;
            clock.Now = Start.AddSeconds(2);
            metrics.Append(Early);
            clock.Now = Start.AddSeconds(4);
            metrics.Append(Later);
        }

        Assert.StartsWith(Path.Combine(directory, "events.out.tfevents.1700000000."), eventFile);
        var rows = EventsAssert.MatchesCsv(eventFile, Csv);
        Assert.Equal([1_700_000_002.0, 1_700_000_004.0], rows.Select(e => e.WallTime));
        Assert.Equal([1000L, 3000L], rows.Select(e => e.Step));
        // Unmeasured values (null: empty CSV cells) are left out; a NaN is kept, as the CSV keeps it.
        (string, float)[] early =
        [
            ("learner_steps", 5), ("wall_seconds", 2), ("charts/episodes", 0), ("stats/lag_mean", 0.5f), ("stats/lag_max", 2),
            ("stats/frames_per_second", 500), ("stats/learner_steps_per_second", 2.5f), ("stats/actor_restarts", 1), ("stats/dropped", 3),
        ];
        (string, float)[] later =
        [
            ("learner_steps", 15), ("wall_seconds", 4), ("charts/episodic_return", 12.5f), ("charts/episode_length", 20.5f), ("charts/episodes", 7),
            ("losses/total_loss", float.NaN), ("losses/policy_loss", 1.5f), ("losses/value_loss", 0.25f), ("losses/entropy", 0.75f),
            ("stats/grad_norm", 2.5f), ("stats/learning_rate", 0.0005f), ("stats/lag_mean", 0.5f), ("stats/lag_max", 2),
            ("stats/rho_clip_fraction", 0.125f), ("stats/c_clip_fraction", 0.0625f), ("stats/mean_rho", 1),
            ("stats/frames_per_second", 1000), ("stats/learner_steps_per_second", 5), ("stats/actor_restarts", 1), ("stats/dropped", 3),
        ];
        Assert.Equal(early, rows[0].Values);
        Assert.Equal(later, rows[1].Values);
        Assert.Equal("1000,5,2,,,0,,,,,,,0.5,2,,,,500,2.5,1,3", File.ReadAllLines(Csv)[1]);
        Assert.StartsWith("3000,15,4,12.5,20.5,7,NaN,", File.ReadAllLines(Csv)[2]);
    }

    [Fact]
    public void Open_AgainInTheSameDirectory_AppendsCsvAndStartsASecondEventFile_FirstUntouched()
    {
        var clock = new ManualClock(Start);
        string first;
        using (var metrics = new RunMetrics(directory, clock))
        {
            first = metrics.EventFile;
            metrics.Append(Early);
        }
        var before = File.ReadAllBytes(first);

        clock.Now = Start.AddSeconds(30);
        string second;
        using (var resumed = new RunMetrics(directory, clock))
        {
            second = resumed.EventFile;
            resumed.Append(Later);
        }

        Assert.Equal(2, Directory.GetFiles(directory, "events.out.tfevents.*").Length);
        Assert.StartsWith(Path.Combine(directory, "events.out.tfevents.1700000030."), second);
        Assert.Equal(before, File.ReadAllBytes(first));
        Assert.Equal(3, File.ReadAllLines(Csv).Length);
        Assert.Equal([1000L], EventsAssert.MatchesCsv(first, Csv, firstRow: 0, rowCount: 1).Select(e => e.Step));
        Assert.Equal([3000L], EventsAssert.MatchesCsv(second, Csv, firstRow: 1).Select(e => e.Step));
    }

    [Fact]
    public void Append_MultiTask_AddsAReturnColumnPerTask_EmptyUntilTheTaskFinishesAnEpisode()
    {
        var clock = new ManualClock(Start);
        string eventFile;
        using (var metrics = new RunMetrics(directory, clock, ["minatar-breakout", "minatar-asterix"]))
        {
            eventFile = metrics.EventFile;
            metrics.Append(Snapshot(1000, 5, 2.0, 1.5, null, new Dictionary<string, double> { ["minatar-asterix"] = 1.5 }));
        }

        var lines = File.ReadAllLines(Csv);
        Assert.EndsWith(",stats/dropped,charts/episodic_return/minatar-breakout,charts/episodic_return/minatar-asterix", lines[0]);
        Assert.EndsWith(",1,3,,1.5", lines[1]);
        var row = Assert.Single(EventsAssert.MatchesCsv(eventFile, Csv));
        Assert.Contains(("charts/episodic_return/minatar-asterix", 1.5f), row.Values);
        Assert.DoesNotContain(row.Values, v => v.Item1 == "charts/episodic_return/minatar-breakout");
    }

    [Fact]
    public void Open_CsvWithOtherColumns_ThrowsAndCreatesNoEventFile()
    {
        File.WriteAllText(Csv, "frames,something_else\n");

        var error = Assert.Throws<InvalidOperationException>(() => new RunMetrics(directory, new ManualClock(Start)));

        Assert.Equal($"{Csv}: existing metrics file has different columns; not appending to it", error.Message);
        Assert.Empty(Directory.GetFiles(directory, "events.out.tfevents.*"));
    }
}
