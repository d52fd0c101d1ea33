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
        var (code, text, error) = CliRunner.Invoke("experiment", "run", spec, "--out", output, "--parallel", "2");
        Assert.True(code == 0, text + error);
        Assert.Contains("2 cells run, 0 skipped (finished before), 0 failed", text);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(output, "summary.csv")).Length);
        Assert.True(File.Exists(Path.Combine(output, "report.html")));
        Assert.True(File.Exists(Path.Combine(output, "runs", "config=catch__learner.correction=none__seed=1", "metrics.csv")));

        var (again, againText, _) = CliRunner.Invoke("experiment", "run", spec, "--out", output, "--no-report");
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
