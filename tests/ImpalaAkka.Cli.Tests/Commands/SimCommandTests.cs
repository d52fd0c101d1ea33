using System.Text.Json;
using System.Text.RegularExpressions;
using ImpalaAkka.Impala.Tests.Training;

namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary>Shares libtorch's process-wide generator and settings with the other training commands: never in parallel with them.</summary>
[Collection("libtorch-global")]
public sealed class SimCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-sim-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly string[] Small =
    [
        "--set", "impala.run.max-frames=4000", "--set", "impala.learner.batch-size=4", "--set", "impala.rollout.envs-per-actor=4",
        "--set", "impala.sim.faults.events=[\"1s crash rollout-1\", \"1.5s restart rollout-1\"]",
    ];

    [Fact]
    public void Sim_PrintsHashLines_AndWritesThemIntoSummary_SameForSameSeed()
    {
        string Hash(string output, string name) => Regex.Match(output, $"^{name}: ([0-9a-f]{{64}})$", RegexOptions.Multiline).Groups[1].Value;
        var first = Path.Combine(directory, "a");
        var (code, output, error) = CliRunner.Invoke(["sim", "--seed", "4", "--run-dir", first, .. Small]);
        Assert.True(code == 0, output + error);
        var trace = Hash(output, "trace-sha256");
        var parameters = Hash(output, "params-sha256");
        Assert.Equal(64, trace.Length);
        Assert.Equal(64, parameters.Length);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "summary.json")));
        Assert.Equal(trace, summary.RootElement.GetProperty("trace_sha256").GetString());
        Assert.Equal(parameters, summary.RootElement.GetProperty("params_sha256").GetString());
        Assert.True(File.ReadAllLines(Path.Combine(first, "trace.log")).Length > 100);
        var eventFile = Assert.Single(Directory.GetFiles(first, "events.out.tfevents.*"));
        Assert.NotEmpty(EventsAssert.MatchesCsv(eventFile, Path.Combine(first, "metrics.csv")));

        var (again, secondOutput, _) = CliRunner.Invoke(["sim", "--seed", "4", "--run-dir", Path.Combine(directory, "b"), .. Small]);
        Assert.Equal(0, again);
        Assert.Equal(trace, Hash(secondOutput, "trace-sha256"));
        Assert.Equal(parameters, Hash(secondOutput, "params-sha256"));

        // Like train, sim never writes over an earlier run.
        var before = Directory.GetFiles(first).ToDictionary(f => f, File.ReadAllBytes);
        var (refused, refusedOutput, refusal) = CliRunner.Invoke(["sim", "--seed", "5", "--run-dir", first, .. Small]);
        Assert.True(refused == 2, refusedOutput + refusal);
        Assert.Contains($"{first}: already holds a run (choose another --run-dir", refusal);
        Assert.Equal(before.Keys.Order(), Directory.GetFiles(first).Order());
        foreach (var (file, bytes) in before) Assert.True(bytes.AsSpan().SequenceEqual(File.ReadAllBytes(file)), $"{file} changed");
    }

    [Fact]
    public void Sim_BadFaultEvent_ExitsTwoNamingTheEvent()
    {
        var (code, _, error) = CliRunner.Invoke("sim", "--run-dir", Path.Combine(directory, "c"), "--set", "impala.sim.faults.events=[\"2s explode learner\"]");
        Assert.Equal(2, code);
        Assert.Contains("impala.sim.faults.events: event 0 \"2s explode learner\": expected one of", error);
    }

    [Fact]
    public void Sim_UnknownNode_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Invoke("sim", "--run-dir", Path.Combine(directory, "d"), "--set", "impala.sim.faults.events=[\"2s crash rollout-9\"]");
        Assert.Equal(2, code);
        Assert.Contains("unknown node 'rollout-9' (nodes: learner, rollout-0 .. rollout-1)", error);
    }

    [Theory]
    [InlineData("0", "--schedules must be in 1..1000000, got 0")]
    [InlineData("1000001", "--schedules must be in 1..1000000, got 1000001")]
    public void Search_ScheduleCountOutOfRange_ExitsTwo(string count, string message)
    {
        var (code, _, error) = CliRunner.Invoke("sim", "--schedules", count);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Theory]
    [InlineData("--schedules", "abc")]
    [InlineData("--workers", "x")]
    public void Search_NotANumber_ExitsTwoNamingIt(string option, string value)
    {
        string[] args = option == "--schedules" ? ["sim", option, value] : ["sim", "--schedules", "2", option, value];
        var (code, _, error) = CliRunner.Invoke(args);
        Assert.Equal(2, code);
        Assert.Contains(value, error);
    }

    [Fact]
    public void Search_SeedsPastTheLargest_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Invoke("sim", "--schedules", "2", "--seed", "2147483647");
        Assert.Equal(2, code);
        Assert.Contains("runs past the largest seed (2147483647)", error);
    }

    [Fact]
    public void Search_WithRunDir_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Invoke("sim", "--schedules", "2", "--run-dir", Path.Combine(directory, "f"));
        Assert.Equal(2, code);
        Assert.Contains("--run-dir does not apply to the search", error);
    }

    [Fact]
    public void Search_WorkersWithoutSchedules_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Invoke("sim", "--workers", "2", "--run-dir", Path.Combine(directory, "e"));
        Assert.Equal(2, code);
        Assert.Contains("--workers only applies to the search (--schedules N)", error);
    }

    [Fact]
    public void Search_BadConfigKey_ExitsTwoBeforeAnySimulation()
    {
        var (code, output, error) = CliRunner.Invoke("sim", "--schedules", "3", "--set", "impala.sim.rollout-nodes=0");
        Assert.Equal(2, code);
        Assert.Contains("impala.sim.rollout-nodes", error);
        Assert.DoesNotContain("searching", output);
    }

    [Fact]
    public void Search_TwoShortSchedules_ReportsRateAndNoViolation()
    {
        var (code, output, error) = CliRunner.Invoke("sim", "--schedules", "2", "--seed", "40", "--workers", "1",
            "--set", "impala.sim.duration=2s", "--set", "impala.sim.faults.random.window=1500ms", "--set", "impala.run.max-frames=100000000",
            "--set", "impala.learner.batch-size=2", "--set", "impala.rollout.envs-per-actor=2");
        Assert.True(code == 0, output + error);
        Assert.Contains("searching 2 fault schedules (seeds 40..41) on 1 workers", output);
        Assert.Matches(@"2 schedules in [0-9.]+ s \([0-9.]+ schedules/s\): \d+ faults applied, \d+ unrolls learned, \d+ messages lost; 0 violating", output);
    }
}
