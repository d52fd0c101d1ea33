using System.Text.Json;
using ImpalaAkka.Impala.Tests.Training;

namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary>Shares libtorch's process-wide generator and settings with the other training commands: never in parallel with them.</summary>
[Collection("libtorch-global")]
public sealed class TrainCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-train-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static (int Code, string Output, string Error) Invoke(params string[] args) => CliRunner.Invoke(args);

    [Fact]
    public void Train_TinyBudget_WritesRunDirectory()
    {
        var run = Path.Combine(directory, "run");
        var started = DateTimeOffset.UtcNow;
        var (code, output, error) = Invoke("train", "--plain", "--run-dir", run, "--max-frames", "3200",
            "--set", "impala.learner.batch-size=4", "--set", "impala.rollout.envs-per-actor=4", "--seed", "3");
        var ended = DateTimeOffset.UtcNow;
        Assert.True(code == 0, output + error);
        Assert.Contains("stopped (max-frames)", output);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        var root = summary.RootElement;
        foreach (var key in new[] { "frames", "episodes", "learner_steps", "wall_seconds", "return_mean100", "frames_to_target", "lag_mean", "lag_max", "actor_restarts", "seed" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"summary.json lacks {key}");
        }
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("frames_to_target").ValueKind);
        Assert.True(root.GetProperty("frames").GetInt64() >= 3200);
        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.StartsWith("frames,learner_steps,wall_seconds,charts/episodic_return", metrics[0]);
        Assert.True(metrics.Length >= 2);
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "config.json")));
        Assert.Equal(4, config.RootElement.GetProperty("impala").GetProperty("learner").GetProperty("batch-size").GetInt32());
        Assert.True(File.Exists(Path.Combine(run, "checkpoint.iat")));
        var eventFile = Assert.Single(EventFiles(run));
        var rows = EventsAssert.MatchesCsv(eventFile, Path.Combine(run, "metrics.csv"));
        AssertWallTimes(rows, started, ended);
        var firstEvents = File.ReadAllBytes(eventFile);

        // Resume continues the same run; a second fresh run into the same folder is refused.
        var (again, _, refusal) = Invoke("train", "--plain", "--run-dir", run, "--max-frames", "3200");
        Assert.Equal(2, again);
        Assert.Contains("already holds a run (use --resume", refusal);
        var resumedAt = DateTimeOffset.UtcNow;
        var (resumed, resumedOutput, resumedError) = Invoke("train", "--plain", "--run-dir", run, "--resume", "--max-frames", "6400",
            "--set", "impala.learner.batch-size=4", "--set", "impala.rollout.envs-per-actor=4", "--seed", "3");
        var resumedEnded = DateTimeOffset.UtcNow;
        Assert.True(resumed == 0, resumedOutput + resumedError);
        // The resumed run adds a second event file for its rows, after the first in name order, and leaves the first alone.
        var files = EventFiles(run);
        Assert.Equal(2, files.Length);
        Assert.Equal(eventFile, files[0]);
        Assert.Equal(firstEvents, File.ReadAllBytes(eventFile));
        AssertWallTimes(EventsAssert.MatchesCsv(files[1], Path.Combine(run, "metrics.csv"), firstRow: rows.Count), resumedAt, resumedEnded);
        using var after = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        Assert.True(after.RootElement.GetProperty("frames").GetInt64() >= 6400);
        Assert.True(after.RootElement.GetProperty("final_version").GetInt64() > root.GetProperty("final_version").GetInt64());
    }

    [Fact]
    public void Train_MinatarAllTinyBudget_ReportsEveryTaskBesidesTheOverallReturn()
    {
        var run = Path.Combine(directory, "multi");
        var (code, output, error) = Invoke("train", "--plain", "--run-dir", run, "--config", CliRunner.RepositoryFile("hocon/minatar-all.conf"),
            "--max-frames", "4000", "--set", "impala.rollout.envs-per-actor=5", "--set", "impala.learner.batch-size=5",
            "--set", "impala.model.conv-channels=4", "--set", "impala.model.fc=16", "--set", "impala.run.log-every=100ms", "--seed", "2");
        Assert.True(code == 0, output + error);
        string[] tasks = ["minatar-asterix", "minatar-breakout", "minatar-freeway", "minatar-seaquest", "minatar-space-invaders"];
        Assert.Contains("impala train: multi-task, experiment minatar-all", output);
        Assert.Contains("by task asterix ", output);
        Assert.Contains("impala train: return by task (mean of last 100) asterix ", output);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        var root = summary.RootElement;
        Assert.Equal("multi-task", root.GetProperty("env").GetString());
        var byTask = root.GetProperty("return_mean100_by_task");
        Assert.Equal(tasks, byTask.EnumerateObject().Select(p => p.Name));
        // One environment per game and 800 frames each: random Breakout ends episodes well within that.
        Assert.Equal(JsonValueKind.Number, byTask.GetProperty("minatar-breakout").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("return_mean100").ValueKind);

        var metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.StartsWith("frames,learner_steps,wall_seconds,charts/episodic_return,", metrics[0]);
        Assert.EndsWith(",stats/dropped," + string.Join(",", tasks.Select(t => "charts/episodic_return/" + t)), metrics[0]);
        EventsAssert.MatchesCsv(Assert.Single(EventFiles(run)), Path.Combine(run, "metrics.csv"));
    }

    [Fact]
    public void Train_DuplicateTask_ExitsTwoNamingKey()
    {
        var (code, _, error) = Invoke("train", "--run-dir", Path.Combine(directory, "x"),
            "--set", "impala.env.tasks=[{ name = minatar-breakout }, { name = minatar-breakout, share = 2 }]");
        Assert.Equal(2, code);
        Assert.Contains("impala.env.tasks[1].name: minatar-breakout is listed twice", error);
        Assert.False(Directory.Exists(Path.Combine(directory, "x")));
    }

    [Fact]
    public void Train_BadConfigValue_ExitsTwoNamingKey()
    {
        var (code, _, error) = Invoke("train", "--run-dir", Path.Combine(directory, "x"), "--set", "impala.learner.batch-size=zero");
        Assert.Equal(2, code);
        Assert.Contains("impala.learner.batch-size: expected an integer, got \"zero\"", error);
        Assert.False(Directory.Exists(Path.Combine(directory, "x")));
    }

    [Fact]
    public void Train_MissingConfigFile_ExitsTwo()
    {
        var (code, _, error) = Invoke("train", "--config", Path.Combine(directory, "none.conf"));
        Assert.Equal(2, code);
        Assert.Contains("cannot read config file", error);
    }

    [Fact]
    public void Train_ResumeWithoutCheckpoint_ExitsTwo()
    {
        var (code, _, error) = Invoke("train", "--run-dir", directory, "--resume");
        Assert.Equal(2, code);
        Assert.Contains("cannot resume, there is no checkpoint.iat", error);
    }

    [Fact]
    public void Train_CorruptCheckpoint_IsRefusedAndLeftInPlace()
    {
        var checkpoint = Path.Combine(directory, "checkpoint.iat");
        File.WriteAllText(checkpoint, "not a checkpoint, but long enough to have a header and a hash trailer....");
        var before = File.ReadAllText(checkpoint);
        var (code, _, error) = Invoke("train", "--plain", "--run-dir", directory, "--resume");
        Assert.Equal(2, code);
        Assert.Contains("not a checkpoint", error);
        Assert.Equal(before, File.ReadAllText(checkpoint));
    }

    [Fact]
    public void Train_ResumeWithCheckpointOfAnotherModel_IsRefusedAndChangesNothing()
    {
        var run = Path.Combine(directory, "run");
        var (code, output, error) = Invoke("train", "--plain", "--run-dir", run, "--max-frames", "1600",
            "--set", "impala.learner.batch-size=4", "--set", "impala.rollout.envs-per-actor=4", "--set", "impala.model.hidden=[8]");
        Assert.True(code == 0, output + error);
        var before = Snapshot(run);

        var (resumed, _, refusal) = Invoke("train", "--plain", "--run-dir", run, "--resume", "--max-frames", "3200",
            "--set", "impala.learner.batch-size=4", "--set", "impala.rollout.envs-per-actor=4");
        Assert.Equal(2, resumed);
        Assert.Contains("cannot resume", refusal);
        Assert.Contains("torso.1.weight", refusal);
        Assert.Equal(before, Snapshot(run));
    }

    private static string[] EventFiles(string run) => Directory.GetFiles(run, "events.out.tfevents.*").Order(StringComparer.Ordinal).ToArray();

    /// <summary>Each row's wall time is the real clock (Unix seconds) while the command ran, in order.</summary>
    private static void AssertWallTimes(List<Impala.Tests.IO.TensorBoardEvent> rows, DateTimeOffset from, DateTimeOffset to)
    {
        var times = rows.Select(e => e.WallTime).ToList();
        Assert.Equal(times.Order().ToList(), times);
        Assert.All(times, t => Assert.InRange(t, (from - DateTimeOffset.UnixEpoch).TotalSeconds, (to - DateTimeOffset.UnixEpoch).TotalSeconds));
    }

    /// <summary>Every file of a run directory with its bytes, to show a refused command changed nothing.</summary>
    private static SortedDictionary<string, string> Snapshot(string run) =>
        new(Directory.GetFiles(run, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(run, f), f => Convert.ToBase64String(File.ReadAllBytes(f))), StringComparer.Ordinal);
}
