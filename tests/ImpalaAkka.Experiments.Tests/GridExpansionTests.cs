using ImpalaAkka.Config;

namespace ImpalaAkka.Experiments.Tests;

public sealed class GridExpansionTests
{
    private const string TwoAxes = """
        experiment {
          name = t
          configs = ["a.conf", "b.conf"]
          seeds = [1, 2]
          frames = 1000
          threshold = 0.5
          grid { lag.k = [0, 8, 32], learner.correction = [vtrace, "none"] }
          set { lag.mode = fixed, rollout.sync = true }
        }
        """;

    [Fact]
    public void Expand_EveryCombination_InConfigAxisSeedOrder()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(TwoAxes);
        var cells = GridExpansion.Expand(spec);
        Assert.Equal(2 * 3 * 2 * 2, cells.Count);
        Assert.Equal(spec.CellCount, cells.Count);
        Assert.Equal(cells.Count, cells.Select(c => c.Name).Distinct().Count());
        Assert.Equal("config=a__lag.k=0__learner.correction=vtrace__seed=1", cells[0].Name);
        Assert.Equal("config=a__lag.k=0__learner.correction=vtrace__seed=2", cells[1].Name);
        Assert.Equal("config=a__lag.k=0__learner.correction=none__seed=1", cells[2].Name);
        Assert.Equal("config=b__lag.k=32__learner.correction=none__seed=2", cells[^1].Name);
        Assert.Equal(12, cells.Select(c => c.GroupName).Distinct().Count());
    }

    [Fact]
    public void Expand_AssignmentsCarrySetGridSeedBudgetAndThreshold()
    {
        using var dir = new TempDir();
        var cell = GridExpansion.Expand(dir.Spec(TwoAxes))[2];
        Assert.Equal(
            [
                "impala.lag.mode=fixed", "impala.rollout.sync=true", "impala.lag.k=0", "impala.learner.correction=\"none\"",
                "impala.seed=1", "impala.experiment=t", "impala.run.stop-at-target=false", "impala.run.log-every=100ms",
                "impala.run.max-frames=1000", "impala.run.target-return=0.5",
            ],
            cell.Assignments);
        Assert.EndsWith("a.conf", cell.Config);
    }

    [Fact]
    public void Expand_WithoutGrid_IsOneCellPerConfigAndSeed_UsingConfigBudgets()
    {
        using var dir = new TempDir();
        var cells = GridExpansion.Expand(dir.Spec("experiment { name = t, configs = [\"a.conf\"], seeds = 3 }"));
        Assert.Equal(["config=a__seed=1", "config=a__seed=2", "config=a__seed=3"], cells.Select(c => c.Name));
        Assert.DoesNotContain(cells[0].Assignments, a => a.StartsWith("impala.run.max-frames", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("experiment { name = t, configs = [\"missing.conf\"], seeds = 1 }", "does not exist")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 0 }", "experiment.seeds: must be in 1..10000, got 0")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = [1, 1] }", "none twice")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 1, grid { lag.k = [1, 1] } }", "lag.k: a grid axis needs at least one value, none twice")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 1, wiring = cluster }", "experiment.wiring: expected one of train | sim")]
    [InlineData("experiment { name = \"a/b\", configs = [\"a.conf\"], seeds = 1 }", "cannot name a folder")]
    [InlineData("nothing = here", "no 'experiment' section")]
    [InlineData("experiment { name = t, configs = [\"a.conf\", \"./a.conf\"], seeds = 1 }", "would both name their cells 'config=a'")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 1, grid { x.y = [\"a b\", a_b] } }", "x.y: values \"a b\" and a_b would both name their cells 'x.y=a_b'")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 1, cell-timeout = 60d }", "experiment.cell-timeout: must be in 1s..")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 1, cell-timeout = 0ms }", "experiment.cell-timeout: must be in 1s..")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 1, questoin = \"why?\" }", "experiment.questoin: unknown key (did you mean 'experiment.question'?)")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 1, frame = 100 }", "experiment.frame: unknown key (did you mean 'experiment.frames'?)")]
    [InlineData("experiment { name = t, configs = [\"a.conf\"], seeds = 1, question = \"  \" }", "experiment.question: is empty")]
    public void Load_InvalidSpec_NamesKeyAndReason(string body, string message)
    {
        using var dir = new TempDir();
        Assert.Contains(message, Assert.Throws<ConfigException>(() => dir.Spec(body)).Message);
    }

    [Fact]
    public void Load_TripleQuotedQuestion_BecomesOneLineOfProse()
    {
        using var dir = new TempDir();
        var spec = dir.Spec(""""
            experiment {
              name = t, configs = ["a.conf"], seeds = 1
              question = """Does V-trace
                hold up as   lag grows?
                """
            }
            """");
        Assert.Equal("Does V-trace hold up as lag grows?", spec.Question);
    }

    [Fact]
    public void Load_WithoutQuestion_LeavesItNull()
    {
        using var dir = new TempDir();
        Assert.Null(dir.Spec("experiment { name = t, configs = [\"a.conf\"], seeds = 1 }").Question);
    }

    [Fact]
    public void Load_ShippedExperiments_AllStateTheirQuestion()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImpalaAkka.sln"))) dir = dir.Parent;
        var experiments = Path.Combine(dir!.FullName, "experiments");
        var files = Directory.GetFiles(experiments, "*.conf");
        Assert.Equal(["lag-ablation.conf", "minatar-lag.conf", "minatar-multitask.conf", "minatar.conf", "replay.conf", "truncation.conf"],
            files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(files, f => Assert.False(string.IsNullOrWhiteSpace(ExperimentSpec.Load(f).Question), $"{f} states no question"));
    }
}
