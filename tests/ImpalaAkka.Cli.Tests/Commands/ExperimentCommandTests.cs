namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary>Runs a real two-cell experiment: each cell is an impala train child process.</summary>
[Collection("libtorch-global")]
public sealed class ExperimentCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-experiment-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string RepositoryFile(string relative) => CliRunner.RepositoryFile(relative);

    [Fact]
    public void ExperimentRun_TinyGrid_RunsCellsAsProcesses_AndReports()
    {
        var spec = Path.Combine(directory, "tiny.conf");
        File.WriteAllText(spec, $$"""
            experiment {
              name = tiny
              configs = ["{{RepositoryFile("hocon/catch.conf")}}"]
              seeds = 1
              frames = 1600
              grid { learner.correction = [vtrace, none] }
              set { learner.batch-size = 4, rollout.envs-per-actor = 4 }
            }
            """);
        var output = Path.Combine(directory, "out");
        var (code, text, error) = CliRunner.Invoke("experiment", "run", spec, "--out", output, "--parallel", "2", "--plain");
        Assert.True(code == 0, text + error);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("impala experiment: tiny: 2 cells (1 configs x 2 grid points x 1 seeds)", lines[0]);
        Assert.Equal("impala experiment: tiny: 2 cells, 0 already finished, 2 to run, 2 at a time", lines[1]);
        // Which cell ends first is a race; the count, status and order of the lines are not.
        Assert.Equal(["[1/2] ok   config=catch__learner.correction=", "[2/2] ok   config=catch__learner.correction="], lines[2..4].Select(l => l[..44]));
        Assert.EndsWith("(0 failed, none left)", lines[3]);
        Assert.Equal("impala experiment: 2 cells run, 0 skipped (finished before), 0 failed", lines[4]);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "summary.csv")).Length);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.True(File.Exists(Path.Combine(output, "runs", "config=catch__learner.correction=none__seed=1", "metrics.csv")));

        var (again, againText, _) = CliRunner.Invoke("experiment", "run", spec, "--out", output, "--no-report", "--plain");
        Assert.Equal(0, again);
        Assert.Contains("0 cells run, 2 skipped (finished before), 0 failed", againText);
    }

    /// <summary>A finished run of a one-axis grid: cell.json, summary.json and a two-point learning curve.</summary>
    private void FakeRun(int seed)
    {
        var run = Path.Combine(directory, "runs", $"config=catch__lag.k=0__seed={seed}");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "cell.json"), $$$"""{"group": "config=catch__lag.k=0", "config": "catch", "seed": {{{seed}}}, "values": {"lag.k": "0"}}""");
        File.WriteAllText(Path.Combine(run, "summary.json"), """{"stop_reason": "max-frames", "return_mean100": 0.5}""");
        File.WriteAllLines(Path.Combine(run, "metrics.csv"), ["frames,charts/episodic_return", "0,0", "1000,0.5"]);
    }

    [Fact]
    public void ExperimentReport_CorruptAndUnfinishedRuns_WarnOnStderr_AndReportTheRest()
    {
        foreach (var seed in new[] { 1, 2, 3, 4 }) FakeRun(seed);
        File.WriteAllText(Path.Combine(directory, "runs", "config=catch__lag.k=0__seed=1", "summary.json"), """{"stop_reason": "max-fr""");
        File.WriteAllText(Path.Combine(directory, "runs", "config=catch__lag.k=0__seed=2", "summary.json"), """{"stop_reason": "interrupted"}""");
        var (code, text, error) = CliRunner.Invoke("experiment", "report", directory);
        Assert.True(code == 0, text + error);
        var warnings = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, warnings.Length);
        Assert.StartsWith("impala experiment: warning: runs/config=catch__lag.k=0__seed=1: summary.json is not valid JSON (", warnings[0]);
        Assert.EndsWith("); left out of the report", warnings[0]);
        Assert.Equal("impala experiment: warning: 1 unfinished run (no summary.json, or stopped before its goal) left out of the report: " +
            "runs/config=catch__lag.k=0__seed=2 (interrupted)", warnings[1]);
        Assert.StartsWith("impala experiment: report of 2 runs in 1 groups", text);
        Assert.DoesNotContain("   at ", text + error);
    }

    [Fact]
    public void ExperimentReport_OnlyCorruptRuns_WarnsAndExitsTwo()
    {
        FakeRun(1);
        File.WriteAllText(Path.Combine(directory, "runs", "config=catch__lag.k=0__seed=1", "cell.json"), "");
        var (code, _, error) = CliRunner.Invoke("experiment", "report", directory);
        Assert.Equal(2, code);
        Assert.StartsWith("impala experiment: warning: runs/config=catch__lag.k=0__seed=1: cell.json is not valid JSON (", error);
        Assert.Contains("no finished runs", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void ExperimentReport_WithoutRuns_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Invoke("experiment", "report", directory);
        Assert.Equal(2, code);
        Assert.Contains("no finished runs", error);
    }

    private string Spec(string body)
    {
        var spec = Path.Combine(directory, "grid.conf");
        File.WriteAllText(spec, $$"""
            experiment {
              name = grid
              configs = ["{{RepositoryFile("hocon/catch.conf")}}", "{{RepositoryFile("hocon/cartpole.conf")}}"]
              frames = 1600
              {{body}}
            }
            """);
        return spec;
    }

    [Fact]
    public void ExperimentRun_GridLargerThanMaxCells_IsRefusedWithItsCount_BeforeAnyFolderIsMade()
    {
        var spec = Spec("seeds = 300\n grid { lag.k = [0, 8] }");
        var output = Path.Combine(directory, "out");
        var (code, text, error) = CliRunner.Invoke("experiment", "run", spec, "--out", output, "--plain");
        Assert.Equal(2, code);
        Assert.Contains("impala experiment: grid: 1,200 cells (2 configs x 2 grid points x 300 seeds)", text);
        Assert.Contains($"{spec}: the grid expands to 1,200 cells", error);
        Assert.Contains("more than --max-cells 1,000 (the default); pass --max-cells 1200 to run them all", error);
        Assert.False(Directory.Exists(output));

        var (over, _, overError) = CliRunner.Invoke("experiment", "run", spec, "--out", output, "--max-cells", "100001");
        Assert.Equal(2, over);
        Assert.Contains("--max-cells must be in 1..100000, got 100001", overError);
    }

    [Theory]
    [InlineData("seeds = 100000", "experiment.seeds: must be in 1..10000, got 100000")]
    [InlineData("seeds = [1, 99999999999]", "seed 99999999999 is outside")]
    public void ExperimentRun_AbsurdSeeds_ExitTwoNamingTheKey(string seeds, string expected)
    {
        var (code, _, error) = CliRunner.Invoke("experiment", "run", Spec(seeds), "--out", Path.Combine(directory, "out"));
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void ExperimentRun_BadGridKeyOrValue_IsRefusedForEveryGridPoint_BeforeTheFirstCellRuns()
    {
        var spec = Spec("seeds = 2\n grid { learner.batch-sise = [4, 8] }");
        var output = Path.Combine(directory, "out");
        var (code, _, error) = CliRunner.Invoke("experiment", "run", spec, "--out", output, "--plain");
        Assert.Equal(2, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"impala experiment: {spec}: the settings of 4 of 4 grid points are refused; nothing was run", lines[0]);
        Assert.Contains("impala.learner.batch-sise: unknown key (did you mean 'impala.learner.batch-size'?)", lines[1]);
        Assert.Equal("impala experiment:     in config=catch__learner.batch-sise=4, config=cartpole__learner.batch-sise=4", lines[2]);
        Assert.Equal("impala experiment:     in config=catch__learner.batch-sise=8, config=cartpole__learner.batch-sise=8", lines[4]);
        Assert.False(Directory.Exists(Path.Combine(output, "runs")));
    }
}
