using System.Globalization;
using System.Text.Json;

namespace ImpalaAkka.Experiments.Tests;

public sealed class ReportTests
{
    /// <summary>Writes a finished run: cell.json, summary.json and a metrics.csv with a linear learning curve.</summary>
    private static void FakeRun(string root, string lag, string correction, int seed, double final, long? framesToTarget, double slope)
    {
        var group = $"config=catch__lag.k={lag}__learner.correction={correction}";
        var dir = Path.Combine(root, "runs", $"{group}__seed={seed}");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "cell.json"), JsonSerializer.Serialize(new
        {
            group, config = "catch", seed, values = new Dictionary<string, string> { ["lag.k"] = lag, ["learner.correction"] = correction },
        }));
        File.WriteAllText(Path.Combine(dir, "summary.json"), JsonSerializer.Serialize(new
        {
            stop_reason = "max-frames", return_mean100 = final, frames_to_target = framesToTarget, lag_mean = double.Parse(lag, CultureInfo.InvariantCulture), lag_max = long.Parse(lag, CultureInfo.InvariantCulture),
        }));
        var rows = Enumerable.Range(0, 11).Select(i => string.Create(CultureInfo.InvariantCulture,
            $"{i * 1000},{i},0,{slope * i},,,,,,,,,,,0.25,0.5,,,,,"));
        File.WriteAllLines(Path.Combine(dir, "metrics.csv"), ["frames,learner_steps,wall_seconds,charts/episodic_return,charts/episode_length,charts/episodes,losses/total_loss,losses/policy_loss,losses/value_loss,losses/entropy,stats/grad_norm,stats/learning_rate,stats/lag_mean,stats/lag_max,stats/rho_clip_fraction,stats/c_clip_fraction,stats/mean_rho,stats/frames_per_second,stats/learner_steps_per_second,stats/actor_restarts,stats/dropped", .. rows]);
    }

    [Fact]
    public void Write_AggregatesAcrossSeeds_WithHandComputedCi()
    {
        using var dir = new TempDir();
        var root = dir.File("results");
        foreach (var (lag, correction) in new[] { ("0", "vtrace"), ("8", "vtrace"), ("0", "none"), ("8", "none") })
        {
            FakeRun(root, lag, correction, 1, 1.0, 1000, 0.1);
            FakeRun(root, lag, correction, 2, 2.0, null, 0.2);
            FakeRun(root, lag, correction, 3, 3.0, 3000, 0.3);
        }
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

        var csv = File.ReadAllLines(Path.Combine(root, "summary.csv"));
        Assert.Equal(5, csv.Length);
        Assert.StartsWith("group,config,lag.k,learner.correction,runs,final_return_mean,final_return_ci95", csv[0]);
        Assert.Contains(csv, l => l.StartsWith("config=catch__lag.k=8__learner.correction=vtrace,catch,8,vtrace,3,2,2.4843,1,", StringComparison.Ordinal));

        Assert.Equal("final-return-vs-lag__catch.svg", report.MainPlot);
        Assert.Contains("heatmap__catch.svg", report.Plots);
        Assert.True(File.Exists(Path.Combine(root, "plots", "main.svg")));
        var markdown = File.ReadAllText(Path.Combine(root, "report.md"));
        Assert.Contains("| catch | 8 | vtrace | 3 | 2 ± 2.484 |", markdown);
    }

    [Fact]
    public void Html_NeedsNothingFromTheNetwork()
    {
        using var dir = new TempDir();
        var root = dir.File("results");
        FakeRun(root, "0", "vtrace", 1, 1, null, 0.1);
        FakeRun(root, "0", "vtrace", 2, 2, null, 0.1);
        ExperimentReport.Write(root);
        var html = File.ReadAllText(Path.Combine(root, "report.html"));
        var references = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"([^\"]*)\"");
        Assert.Empty(references);
        Assert.DoesNotContain("<script", html);
        Assert.Equal(html.Split("http://").Length - 1, html.Split("xmlns=\"http://www.w3.org/2000/svg\"").Length - 1);
    }

    [Fact]
    public void Write_NoRuns_Throws()
    {
        using var dir = new TempDir();
        Assert.Contains("no finished runs", Assert.Throws<InvalidOperationException>(() => ExperimentReport.Write(dir.Path)).Message);
    }
}
