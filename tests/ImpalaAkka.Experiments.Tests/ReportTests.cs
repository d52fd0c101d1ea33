using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ImpalaAkka.Experiments.Tests;

public sealed class ReportTests
{
    /// <summary>Writes a finished run: cell.json, summary.json and a metrics.csv with a linear learning curve; config.json when an env is given.</summary>
    private static void FakeRun(string root, string lag, string correction, int seed, double final, long? framesToTarget, double slope, string config = "catch", string? env = null)
    {
        var group = $"config={config}__lag.k={lag}__learner.correction={correction}";
        var dir = Path.Combine(root, "runs", $"{group}__seed={seed}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "cell.json"), JsonSerializer.Serialize(new
        {
            group, config, seed, values = new Dictionary<string, string> { ["lag.k"] = lag, ["learner.correction"] = correction },
        }));
        File.WriteAllText(Path.Combine(dir, "summary.json"), JsonSerializer.Serialize(new
        {
            stop_reason = "max-frames", return_mean100 = final, frames_to_target = framesToTarget, lag_mean = double.Parse(lag, CultureInfo.InvariantCulture), lag_max = long.Parse(lag, CultureInfo.InvariantCulture),
        }));
        if (env is not null) File.WriteAllText(Path.Combine(dir, "config.json"), JsonSerializer.Serialize(new { impala = new { env = new { name = env } } }));
        var rows = Enumerable.Range(0, 11).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i * 1000},{i},0,{slope * i},,,,,,,,,,,0.25,0.5,,,,,"));
        File.WriteAllLines(Path.Combine(dir, "metrics.csv"), ["frames,learner_steps,wall_seconds,charts/episodic_return,charts/episode_length,charts/episodes,losses/total_loss,losses/policy_loss,losses/value_loss,losses/entropy,stats/grad_norm,stats/learning_rate,stats/lag_mean,stats/lag_max,stats/rho_clip_fraction,stats/c_clip_fraction,stats/mean_rho,stats/frames_per_second,stats/learner_steps_per_second,stats/actor_restarts,stats/dropped", .. rows]);
    }

    /// <summary>Four grid points (lag 0/8 x vtrace/none) of three seeds each, finals 1, 2, 3.</summary>
    private static string FourPoints(TempDir dir)
    {
        var root = dir.File("results");
        foreach (var (lag, correction) in new[] { ("0", "vtrace"), ("8", "vtrace"), ("0", "none"), ("8", "none") })
        {
            FakeRun(root, lag, correction, 1, 1.0, 1000, 0.1);
            FakeRun(root, lag, correction, 2, 2.0, null, 0.2);
            FakeRun(root, lag, correction, 3, 3.0, 3000, 0.3);
        }
        return root;
    }

    private static string Read(string root, string file) => File.ReadAllText(Path.Combine(root, file));

    /// <summary>Every link target in report.md ([text](target)) and report.html (src= and href=).</summary>
    private static IReadOnlyList<string> Links(string root) =>
    [
        .. Regex.Matches(Read(root, "report.md"), @"\]\(([^)\s]+)\)").Select(m => m.Groups[1].Value),
        .. Regex.Matches(Read(root, "report.html"), "(?:src|href)=\"([^\"]*)\"").Select(m => m.Groups[1].Value),
    ];

    [Fact]
    public void Write_AggregatesAcrossSeeds_WithHandComputedCi()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        var report = ExperimentReport.Write(root);
        Assert.Equal(12, report.Runs);
        Assert.Equal(4, report.Groups.Count);
        var g = report.Groups.Single(x => x.Values["lag.k"] == "8" && x.Values["learner.correction"] == "vtrace");
        // final returns 1, 2, 3: mean 2, sd 1, se 1/sqrt(3), t(2) = 4.303
        Assert.Equal(2, g.FinalReturn.Mean, 12);
        Assert.Equal(4.303 / Math.Sqrt(3), g.FinalReturn.Ci, 10);
        // curves y = s * frames/1000 over 0..10k average to 5 s: 0.5, 1, 1.5 -> mean 1
        Assert.Equal(1.0, g.Auc.Mean, 10);
        // frames to threshold: only seeds 1 and 3 reached it
        Assert.Equal(2, g.Reached);
        Assert.Equal(2000, g.FramesToThreshold.Mean, 10);
        Assert.Equal(0.25, g.RhoClip, 12);
        Assert.Equal(0.5, g.CClip, 12);
        Assert.Equal(8, g.LagMax);
        Assert.Equal("catch", g.Env);
        Assert.Equal([(1, "config=catch__lag.k=8__learner.correction=vtrace__seed=1"), (2, "config=catch__lag.k=8__learner.correction=vtrace__seed=2"),
            (3, "config=catch__lag.k=8__learner.correction=vtrace__seed=3")], g.RunDirectories);

        var csv = File.ReadAllLines(Path.Combine(root, "summary.csv"));
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("group,config,lag.k,learner.correction,runs,final_return_mean,final_return_ci95", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("config=catch__lag.k=8__learner.correction=vtrace,catch,8,vtrace,3,2,2.4843,1,", StringComparison.Ordinal));

        Assert.Equal("main.png", report.MainPlot);
        Assert.Contains("heatmap-final-return__catch.svg", report.Plots);
        Assert.Contains("heatmap-final-return__catch.png", report.Plots);
        var seeds = string.Join(" ", Enumerable.Range(1, 3).Select(s => $"[{s}](runs/config=catch__lag.k=8__learner.correction=vtrace__seed={s}/)"));
        Assert.Contains($"| catch | 8 | vtrace | 3: {seeds} | 2 ± 2.484 |", Read(root, "report.md"));
    }

    [Fact]
    public void Write_EveryPlot_ExistsAsSvgAndPng_AndBothPagesLinkIt()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        var report = ExperimentReport.Write(root);
        var plots = Directory.GetFiles(Path.Combine(root, "plots")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(report.Plots.Order(StringComparer.Ordinal), plots);
        var names = plots.Select(Path.GetFileNameWithoutExtension).Distinct().ToList();
        Assert.Equal(plots.Count, 2 * names.Count);
        Assert.Contains("main", names);
        foreach (var page in new[] { "report.md", "report.html" })
        {
            var text = Read(root, page);
            foreach (var plot in plots) Assert.True(text.Contains($"plots/{plot}", StringComparison.Ordinal), $"{page} does not link plots/{plot}");
        }
    }

    [Fact]
    public void Write_EveryRelativeLink_PointsAtAFileThatExists()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        ExperimentReport.Write(root);
        var links = Links(root);
        Assert.Contains("plots/main.png", links);
        Assert.Contains(links, l => l.StartsWith("runs/", StringComparison.Ordinal));
        var missing = links.Where(l => !File.Exists(Path.Combine(root, l)) && !Directory.Exists(Path.Combine(root, l))).ToList();
        Assert.True(missing.Count == 0, $"dead links: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Html_NeedsNothingFromTheNetwork()
    {
        using var dir = new TempDir();
        var root = dir.File("results");
        FakeRun(root, "0", "vtrace", 1, 1, null, 0.1);
        FakeRun(root, "0", "vtrace", 2, 2, null, 0.1);
        ExperimentReport.Write(root);
        var html = Read(root, "report.html");
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);
        Assert.All(Links(root), l => Assert.Matches("^(plots|runs)/[^:]+$", l));
    }

    [Fact]
    public void Write_FindingsFollowTheTable()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        ExperimentReport.Write(root);
        // Every point is 2 ± 2.484 in final return: nothing beats anything.
        var markdown = Read(root, "report.md");
        Assert.Contains("    - lag.k = 8: all 2 tied (their CIs overlap the highest's): none 2 ± 2.484, vtrace 2 ± 2.484", markdown);
        Assert.Contains("  - best: lag.k = 0, learner.correction = none, 2 ± 2.484; statistically tied with all 3 other cells", markdown);
        Assert.DoesNotContain("Observations", markdown);
        Assert.Contains("<li>best: lag.k = 0, learner.correction = none, 2 ± 2.484; statistically tied with all 3 other cells", Read(root, "report.html"));
    }

    [Fact]
    public void Write_QuestionFromExperimentJson_OpensBothPages()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        File.WriteAllText(Path.Combine(root, "experiment.json"), JsonSerializer.Serialize(new
        {
            name = "lags", question = "Does V-trace hold up as lag grows?", wiring = "train", configs = new[] { "catch" }, seeds = new[] { 1, 2, 3 },
            frames = "from each config", threshold = "from each config",
            grid = new Dictionary<string, string[]> { ["lag.k"] = ["0", "8"], ["learner.correction"] = ["vtrace", "none"] },
            set = new Dictionary<string, string> { ["lag.mode"] = "fixed" },
        }));
        ExperimentReport.Write(root);
        Assert.Contains("## Question\n\nDoes V-trace hold up as lag grows?\n", Read(root, "report.md").ReplaceLineEndings("\n"));
        Assert.Contains("<h2>Question</h2><p>Does V-trace hold up as lag grows?</p>", Read(root, "report.html"));
        Assert.Contains("- grid: `lag.k` = [0, 8] x `learner.correction` = [vtrace, none]", Read(root, "report.md"));
    }

    [Fact]
    public void Write_NoQuestion_GeneratesOneFromTheGrid()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        ExperimentReport.Write(root);
        Assert.Contains("How do `lag.k` and `learner.correction` change the final return and the area under the learning curve on `catch`? " +
            "(Generated: the experiment file states no `question`.)", Read(root, "report.md"));
    }

    [Fact]
    public void Write_RunsWithConfigJson_TakeTheEnvironmentAndItsReturnRangeFromIt()
    {
        using var dir = new TempDir();
        var root = dir.File("results");
        FakeRun(root, "0", "vtrace", 1, 400, null, 10, config: "cartpole-small", env: "cartpole");
        FakeRun(root, "0", "vtrace", 2, 480, null, 10, config: "cartpole-small", env: "cartpole");
        var report = ExperimentReport.Write(root);
        Assert.Equal("cartpole", Assert.Single(report.Groups).Env);
        Assert.Contains("`cartpole-small` (env `cartpole`, returns in [0, 500])", Read(root, "report.md"));
    }

    [Fact]
    public void Write_Again_RemovesPlotsItNoLongerMakes()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        Directory.CreateDirectory(Path.Combine(root, "plots"));
        File.WriteAllText(Path.Combine(root, "plots", "main.svg.old"), "stale");
        ExperimentReport.Write(root);
        Assert.False(File.Exists(Path.Combine(root, "plots", "main.svg.old")));
    }

    [Fact]
    public void Write_NoRuns_Throws()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<NoFinishedRunsException>(() => ExperimentReport.Write(dir.Path));
        Assert.Contains("no finished runs", e.Message);
        Assert.Empty(e.Warnings);
    }

    private const string Seed1 = "config=catch__lag.k=8__learner.correction=vtrace__seed=1";

    [Theory]
    [InlineData("summary.json", "{\"stop_reason\": \"max-fr", "is not valid JSON (")]
    [InlineData("summary.json", "", "is not valid JSON (")]
    [InlineData("summary.json", "[1, 2]", "holds a JSON array, not an object")]
    [InlineData("summary.json", "{\"return_mean100\": 1}", "has no string 'stop_reason'")]
    [InlineData("cell.json", "{\"group\": \"g\", \"con", "is not valid JSON (")]
    [InlineData("cell.json", "{\"group\": \"g\", \"config\": \"catch\", \"values\": {}}", "has no integer 'seed'")]
    [InlineData("cell.json", "{\"config\": \"catch\", \"seed\": 1, \"values\": {}}", "has no string 'group'")]
    [InlineData("cell.json", "{\"group\": \"g\", \"config\": \"catch\", \"seed\": 1, \"values\": {\"lag.k\": 8}}", "'values.lag.k' is not a string")]
    [InlineData("config.json", "{\"impala\": {\"env\": ", "is not valid JSON (")]
    public void Write_RunWithACorruptFile_IsLeftOutWithAWarningNamingFolderFileAndReason(string file, string text, string reason)
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        File.WriteAllText(Path.Combine(root, "runs", Seed1, file), text);
        var report = ExperimentReport.Write(root);
        Assert.Equal(11, report.Runs);
        var warning = Assert.Single(report.Warnings);
        Assert.StartsWith($"runs/{Seed1}: {file} {reason}", warning);
        Assert.EndsWith("; left out of the report", warning);
        Assert.Equal(2, report.Groups.Single(g => g.Values["lag.k"] == "8" && g.Values["learner.correction"] == "vtrace").Runs);
        Assert.Contains($"- 11 finished runs in 4 grid points; 1 more left out: 1 with an unusable file: `runs/{Seed1}/{file}` (`impala experiment report` prints why)", Read(root, "report.md"));
    }

    [Fact]
    public void Write_RunWithoutCellJson_IsLeftOutWithAWarning()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        File.Delete(Path.Combine(root, "runs", Seed1, "cell.json"));
        Assert.Equal([$"runs/{Seed1}: cell.json is missing; left out of the report"], ExperimentReport.Write(root).Warnings);
    }

    [Fact]
    public void Write_UnfinishedRuns_AreLeftOutWithOneWarningGivingTheirCountAndAFewNames()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        var runs = Directory.GetDirectories(Path.Combine(root, "runs")).Order(StringComparer.Ordinal).ToList();
        foreach (var run in runs.Take(2)) File.Delete(Path.Combine(run, "summary.json"));
        foreach (var run in runs.Skip(2).Take(3)) File.WriteAllText(Path.Combine(run, "summary.json"), """{"stop_reason": "interrupted", "return_mean100": 9}""");
        var report = ExperimentReport.Write(root);
        Assert.Equal(7, report.Runs);
        string Name(int i) => Path.GetFileName(runs[i]);
        Assert.Equal(
            [$"5 unfinished runs (no summary.json, or stopped before its goal) left out of the report: runs/{Name(0)} (no summary.json), " +
                $"runs/{Name(1)} (no summary.json), runs/{Name(2)} (interrupted) and 2 more"],
            report.Warnings);
        Assert.Contains("- 7 finished runs in 3 grid points; 5 more left out: 5 unfinished (no `summary.json`, or stopped before its goal) (`impala experiment report` prints why)",
            Read(root, "report.md"));
    }

    [Fact]
    public void Write_RunOfAnotherGrid_IsLeftOutInsteadOfBreakingTheTable()
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        var stray = Path.Combine(root, "runs", "config=catch__seed=1");
        Directory.CreateDirectory(stray);
        File.WriteAllText(Path.Combine(stray, "cell.json"), """{"group": "config=catch", "config": "catch", "seed": 1, "values": {}}""");
        File.WriteAllText(Path.Combine(stray, "summary.json"), """{"stop_reason": "max-frames", "return_mean100": 1}""");
        var report = ExperimentReport.Write(root);
        Assert.Equal(12, report.Runs);
        Assert.Equal(["runs/config=catch__seed=1: cell.json has grid axes (), not the experiment's (lag.k, learner.correction); left out of the report"], report.Warnings);
    }

    [Theory]
    [InlineData("{\"name\": \"lags\", ", "is not a valid experiment record (")]
    [InlineData("{\"name\": \"lags\"}", "is not a valid experiment record (")]
    [InlineData("{\"name\": \"lags\", \"wiring\": \"train\", \"seeds\": [\"one\"], \"frames\": \"1\", \"threshold\": \"1\", \"grid\": {}, \"set\": {}}", "is not a valid experiment record (")]
    public void Write_CorruptExperimentJson_WarnsAndNamesTheExperimentAfterItsFolder(string text, string reason)
    {
        using var dir = new TempDir();
        var root = FourPoints(dir);
        File.WriteAllText(Path.Combine(root, "experiment.json"), text);
        var report = ExperimentReport.Write(root);
        Assert.Equal(12, report.Runs);
        var warning = Assert.Single(report.Warnings);
        Assert.StartsWith($"experiment.json {reason}", warning);
        Assert.EndsWith("); the report names the experiment after its folder and leaves out its settings", warning);
        var markdown = Read(root, "report.md");
        Assert.StartsWith("# Experiment `results`", markdown);
        Assert.Contains("- grid axes: `lag.k`, `learner.correction` (`experiment.json` unreadable: wiring, seeds and fixed settings unknown)", markdown);
    }

    [Fact]
    public void Write_NoUsableRun_ThrowsWithTheWarnings()
    {
        using var dir = new TempDir();
        var root = dir.File("results");
        FakeRun(root, "8", "vtrace", 1, 1, null, 0.1);
        FakeRun(root, "8", "vtrace", 2, 1, null, 0.1);
        File.WriteAllText(Path.Combine(root, "runs", Seed1, "summary.json"), "{");
        File.Delete(Path.Combine(root, "runs", "config=catch__lag.k=8__learner.correction=vtrace__seed=2", "summary.json"));
        var e = Assert.Throws<NoFinishedRunsException>(() => ExperimentReport.Write(root));
        Assert.Contains("no finished runs", e.Message);
        Assert.Equal(2, e.Warnings.Count);
        Assert.StartsWith($"runs/{Seed1}: summary.json is not valid JSON (", e.Warnings[0]);
        Assert.Equal("1 unfinished run (no summary.json, or stopped before its goal) left out of the report: " +
            "runs/config=catch__lag.k=8__learner.correction=vtrace__seed=2 (no summary.json)", e.Warnings[1]);
    }
}
