using System.CommandLine;
using System.Globalization;
using ImpalaAkka.Cluster;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala chaos</c>: a learner, a standby and N rollout nodes as processes of one Akka cluster,
/// SIGKILLed, restarted and partitioned on a schedule, then an account of every unroll (lost,
/// duplicated, dropped by reason) written to <c>chaos-report.json</c>.
/// </summary>
internal static class ChaosCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo>("--config", "-c") { Description = "cluster config (HOCON)", DefaultValueFactory = _ => new FileInfo("hocon/cluster.conf") };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "folder for the nodes' folders, logs and chaos-report.json (must not exist or be empty)", Required = true };
        var rolloutNodes = new Option<int>("--rollout-nodes") { Description = "rollout processes", DefaultValueFactory = _ => 3 };
        var interval = new Option<double>("--kill-interval") { Description = "seconds between kills", DefaultValueFactory = _ => 3.0 };
        var rolloutKills = new Option<int>("--rollout-kills") { Description = "rollout nodes SIGKILLed (a random one each interval) and restarted", DefaultValueFactory = _ => 10 };
        var learnerKills = new Option<int>("--learner-kills") { Description = "SIGKILLs of the active learner (0..2): the first with the standby taking over, the second restarted in place", DefaultValueFactory = _ => 2 };
        var partitions = new Option<int>("--partitions") { Description = "times the active learner is cut off from a random subset of rollout nodes, then healed (0..100)", DefaultValueFactory = _ => 2 };
        var partitionTime = new Option<double>("--partition-time") { Description = "seconds each partition lasts (keep it below impala.cluster.stable-after, or the cut nodes are downed)", DefaultValueFactory = _ => 4.0 };
        var maxFrames = new Option<long?>("--max-frames") { Description = "frame budget: no more kills (and the run winds down) once the learner has learned this many frames" };
        var seed = new Option<int>("--seed") { Description = "seed for the choice of victims", DefaultValueFactory = _ => 1 };
        var sets = new Option<string[]>("--set", "-s") { Description = "override a key on every node (repeatable)" };
        var command = new Command("chaos", "Kill, restart and partition cluster nodes while training runs; account for every unroll.");
        foreach (var option in new Option[] { config, outDir, rolloutNodes, interval, rolloutKills, learnerKills, partitions, partitionTime, maxFrames, seed, sets }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var problems = new List<string>();
            var configFile = result.GetValue(config)!;
            var directory = result.GetValue(outDir)!;
            if (!configFile.Exists) problems.Add($"--config: {configFile.FullName} does not exist");
            if (directory.Exists && directory.EnumerateFileSystemInfos().Any()) problems.Add($"--out: {directory.FullName} is not empty; chaos never writes over an earlier run");
            if (result.GetValue(rolloutNodes) is < 1 or > 32) problems.Add("--rollout-nodes: must be 1..32");
            if (result.GetValue(interval) is <= 0 or > 3600 || double.IsNaN(result.GetValue(interval))) problems.Add("--kill-interval: must be in (0, 3600] seconds");
            if (result.GetValue(maxFrames) is <= 0) problems.Add("--max-frames: must be > 0");
            if (result.GetValue(rolloutKills) < 0) problems.Add("--rollout-kills: must be >= 0");
            if (result.GetValue(learnerKills) is < 0 or > 2) problems.Add("--learner-kills: must be 0..2");
            if (result.GetValue(partitions) is < 0 or > 100) problems.Add("--partitions: must be 0..100");
            if (result.GetValue(partitionTime) is <= 0 or > 600 || double.IsNaN(result.GetValue(partitionTime))) problems.Add("--partition-time: must be in (0, 600] seconds");
            if (problems.Count > 0)
            {
                foreach (var problem in problems) error.WriteLine($"impala chaos: {problem}");
                return CliApp.InvalidInput;
            }
            var options = new ChaosRunner.Options(
                Environment.ProcessPath ?? "dotnet", typeof(ChaosCommand).Assembly.Location, configFile.FullName, directory.FullName,
                result.GetValue(rolloutNodes), TimeSpan.FromSeconds(result.GetValue(interval)), result.GetValue(rolloutKills),
                result.GetValue(learnerKills), result.GetValue(partitions), TimeSpan.FromSeconds(result.GetValue(partitionTime)), result.GetValue(seed),
                result.GetValue(sets) ?? [], result.GetValue(maxFrames));
            try
            {
                using var stop = new StopSignal();
                var report = new ChaosRunner(options, output).Run(stop.Token);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"chaos: {report.RolloutKills} rollout kills, {report.LearnerKills} learner kills ({report.Takeovers} takeovers, {report.RestartsInPlace} restarts in place), {report.Partitions} healed partitions in {report.WallSeconds:F0} s"));
                output.WriteLine($"  unrolls produced {report.UnrollsProduced}, accepted {report.UnrollsAccepted}, used {report.UnrollsUsed}, dropped {(report.UnrollsDropped.Count == 0 ? "none" : string.Join(",", report.UnrollsDropped.Select(p => $"{p.Key}={p.Value}")))}, held unused at the stop {report.UnrollsHeldAtStop}");
                output.WriteLine($"  LOST {report.Lost}, DUPLICATED {report.Duplicated}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  frames {report.Frames}, return(100) {report.FinalReturnMean100:F1}, {report.UnrollsPerSecond:F0} unrolls/s, broadcast latency p50 {report.BroadcastLatencyP50Ms:F1} ms p95 {report.BroadcastLatencyP95Ms:F1} ms"));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  kill seen by the learner after {report.KillToSeenP50Seconds:F1} s (p50); learner kill to an active learner {string.Join(", ", report.LearnerKillToActiveSeconds.Select(s => s.ToString("F1", CultureInfo.InvariantCulture)))} s, to learning {string.Join(", ", report.LearnerKillToLearningSeconds.Select(s => s.ToString("F1", CultureInfo.InvariantCulture)))} s"));
                output.WriteLine($"  report: {Path.Combine(directory.FullName, "chaos-report.json")}");
                return report.Lost == 0 && report.Duplicated == 0 ? CliApp.Ok : CliApp.Failed;
            }
            catch (Exception e) when (e is TimeoutException or IOException)
            {
                error.WriteLine($"impala chaos: {e.Message}");
                return CliApp.Failed;
            }
        });
        return command;
    }
}
