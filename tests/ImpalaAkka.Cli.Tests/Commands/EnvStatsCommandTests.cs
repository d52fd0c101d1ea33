using System.Text.Json;
using ImpalaAkka.Cli.EnvStats;

namespace ImpalaAkka.Cli.Tests.Commands;

public sealed class EnvStatsCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-envstats-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private JsonElement RunJson(params string[] args)
    {
        var file = Path.Combine(directory, $"stats-{Guid.NewGuid():N}.json");
        var (code, output, error) = CliRunner.Invoke(["env", "stats", .. args, "--json", file]);
        Assert.True(code == 0, output + error);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.Clone();
    }

    [Fact]
    public void Stats_Catch_WritesJsonEqualToTheMeasuredStatistics()
    {
        var root = RunJson("--env", "catch", "--episodes", "30", "--seed", "5");
        var expected = EpisodeStatistics.Measure(new Environments.Catch(), EnvStatsPolicy.Random, 5, 30);
        Assert.Equal("catch", root.GetProperty("env").GetString());
        Assert.Equal(30, root.GetProperty("n_episodes").GetInt32());
        Assert.Equal(5, root.GetProperty("seed").GetInt32());
        Assert.Equal("random", root.GetProperty("policy").GetString());
        Assert.Equal("full", root.GetProperty("actions").GetString());
        foreach (var (key, summary) in new[] { ("return", expected.Return), ("length", expected.Length) })
        {
            var s = root.GetProperty(key);
            Assert.Equal(summary, new SampleSummary(
                s.GetProperty("n").GetInt64(), s.GetProperty("mean").GetDouble(), s.GetProperty("std").GetDouble(), s.GetProperty("sem").GetDouble(),
                s.GetProperty("ci95_low").GetDouble(), s.GetProperty("ci95_high").GetDouble(), s.GetProperty("min").GetDouble(), s.GetProperty("max").GetDouble()));
        }
        // Catch: 9 steps an episode, a return of -1 or +1.
        Assert.Equal(9, root.GetProperty("length").GetProperty("min").GetDouble());
        Assert.Equal(9, root.GetProperty("length").GetProperty("max").GetDouble());
    }

    [Fact]
    public void Stats_MinAtarMinimalNoop_PrintsTableAndNamesTheSet()
    {
        var (code, output, error) = CliRunner.Invoke("env", "stats", "--env", "minatar-breakout", "--episodes", "3", "--policy", "noop", "--actions", "minimal");
        Assert.True(code == 0, output + error);
        Assert.Contains("impala env stats: minatar-breakout, 3 episodes (seeds 0..2), policy noop, minimal actions (3)", output);
        Assert.Contains("\nreturn ", output);
        Assert.Contains("\nlength ", output);
    }

    /// <summary>
    /// The README of src/ImpalaAkka.Environments/MinAtar gives MinAtar's own random-policy means (all six actions,
    /// sticky 0.1) and their standard errors; our run on other seeds must agree within 4 combined SEs.
    /// </summary>
    [Theory]
    [InlineData("minatar-breakout", 5000, 0.51397, 0.00235)]
    [InlineData("minatar-asterix", 2000, 0.49912, 0.00274)]
    [InlineData("minatar-space-invaders", 2000, 2.83162, 0.00732)]
    public void Stats_MinAtarRandom_AgreesWithMinAtarReference(string env, int episodes, double minAtarMean, double minAtarSem)
    {
        var result = RunJson("--env", env, "--episodes", episodes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "1000");
        var mean = result.GetProperty("return").GetProperty("mean").GetDouble();
        var sem = result.GetProperty("return").GetProperty("sem").GetDouble();
        var bound = 4 * Math.Sqrt(sem * sem + minAtarSem * minAtarSem);
        Assert.True(Math.Abs(mean - minAtarMean) < bound, $"{env}: ours {mean} ± {sem}, MinAtar {minAtarMean} ± {minAtarSem}: gap {Math.Abs(mean - minAtarMean)} >= {bound}");
    }

    [Theory]
    [InlineData("pong", "impala env stats: --env: unknown environment 'pong'; known: cartpole, catch, minatar-asterix, minatar-breakout, minatar-freeway, minatar-seaquest, minatar-space-invaders")]
    [InlineData("minatar-breakot", "impala env stats: --env: unknown environment 'minatar-breakot' (did you mean 'minatar-breakout'?)")]
    [InlineData("freeway", "impala env stats: --env: unknown environment 'freeway' (did you mean 'minatar-freeway'?)")]
    public void Stats_UnknownEnv_ExitsTwoListingTheNames(string env, string message)
    {
        var (code, output, error) = CliRunner.Invoke("env", "stats", "--env", env);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith(message, error);
    }

    [Theory]
    [InlineData("0", "impala env stats: --episodes must be in 1..10000000, got 0")]
    [InlineData("10000001", "impala env stats: --episodes must be in 1..10000000, got 10000001")]
    public void Stats_EpisodesOutOfRange_ExitsTwo(string episodes, string message)
    {
        var (code, _, error) = CliRunner.Invoke("env", "stats", "--env", "catch", "--episodes", episodes);
        Assert.Equal(2, code);
        Assert.Equal(message + Environment.NewLine, error);
    }

    [Theory]
    [InlineData("-1", "1", "impala env stats: --seed must be >= 0, got -1")]
    [InlineData("2147483647", "2", "impala env stats: --seed 2147483647 with --episodes 2 runs past the largest seed (2147483647)")]
    public void Stats_SeedOutOfRange_ExitsTwo(string seed, string episodes, string message)
    {
        var (code, _, error) = CliRunner.Invoke("env", "stats", "--env", "catch", "--seed", seed, "--episodes", episodes);
        Assert.Equal(2, code);
        Assert.Equal(message + Environment.NewLine, error);
    }

    [Theory]
    [InlineData("catch")]
    [InlineData("cartpole")]
    public void Stats_MinimalActionsOutsideMinAtar_ExitsTwo(string env)
    {
        var (code, _, error) = CliRunner.Invoke("env", "stats", "--env", env, "--actions", "minimal");
        Assert.Equal(2, code);
        Assert.Equal($"impala env stats: --actions minimal applies to minatar-* games only; {env} has one action set" + Environment.NewLine, error);
    }

    [Theory]
    [InlineData("--policy", "greedy")]
    [InlineData("--actions", "some")]
    [InlineData("--episodes", "many")]
    public void Stats_UnparsableOption_ExitsTwoNamingTheValue(string option, string value)
    {
        var (code, _, error) = CliRunner.Invoke("env", "stats", "--env", "catch", option, value);
        Assert.Equal(2, code);
        Assert.Contains(value, error);
    }

    [Fact]
    public void Stats_JsonIsADirectory_ExitsTwoBeforePlaying()
    {
        var (code, output, error) = CliRunner.Invoke("env", "stats", "--env", "catch", "--json", directory);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"--json: {directory} is a folder, not a file", error);
    }

    [Fact]
    public void Stats_JsonUnderAFile_ExitsTwoBeforePlaying()
    {
        var file = Path.Combine(directory, "plain");
        File.WriteAllText(file, "");
        var target = Path.Combine(file, "stats.json");
        var (code, output, error) = CliRunner.Invoke("env", "stats", "--env", "catch", "--json", target);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"impala env stats: --json {target}: {file} is not an existing folder" + Environment.NewLine, error);
    }
}
