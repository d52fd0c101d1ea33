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
        Assert.Equal("impala experiment: tiny: 2 cells, 0 already finished, 2 to run, 2 at a time", lines[0]);
        // Which cell ends first is a race; the count, status and order of the lines are not.
        Assert.Equal(["[1/2] ok   config=catch__learner.correction=", "[2/2] ok   config=catch__learner.correction="], lines[1..3].Select(l => l[..44]));
        Assert.EndsWith("(0 failed, none left)", lines[2]);
        Assert.Equal("impala experiment: 2 cells run, 0 skipped (finished before), 0 failed", lines[3]);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "summary.csv")).Length);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.True(File.Exists(Path.Combine(output, "runs", "config=catch__learner.correction=none__seed=1", "metrics.csv")));

        var (again, againText, _) = CliRunner.Invoke("experiment", "run", spec, "--out", output, "--no-report", "--plain");
        Assert.Equal(0, again);
        Assert.Contains("0 cells run, 2 skipped (finished before), 0 failed", againText);
    }

    [Fact]
    public void ExperimentReport_WithoutRuns_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Invoke("experiment", "report", directory);
        Assert.Equal(2, code);
        Assert.Contains("no finished runs", error);
    }
}
