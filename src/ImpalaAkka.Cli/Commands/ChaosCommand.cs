using System.CommandLine;
using System.Globalization;
using ImpalaAkka.Cluster;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala chaos</c>: a learner and N rollout nodes as processes on one broker, SIGKILLed and
/// restarted on a schedule, then an account of every unroll (lost, duplicated, dropped by reason)
/// written to <c>chaos-report.json</c>. Needs a RabbitMQ broker (scripts/broker.sh start).
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
        var learnerKills = new Option<int>("--learner-kills") { Description = "learner SIGKILLs (0 or 1), half-way through", DefaultValueFactory = _ => 1 };
        var brokerRestarts = new Option<int>("--broker-restarts") { Description = "broker restarts (0 or 1) via scripts/broker.sh restart, a third of the way through", DefaultValueFactory = _ => 0 };
        var maxFrames = new Option<long?>("--max-frames") { Description = "frame budget: no more kills (and the run winds down) once the learner has learned this many frames" };
        var seed = new Option<int>("--seed") { Description = "seed for the choice of victims", DefaultValueFactory = _ => 1 };
        var sets = new Option<string[]>("--set", "-s") { Description = "override a key on every node (repeatable)" };
        var command = new Command("chaos", "Kill and restart cluster nodes while training runs; account for every unroll (needs a broker: scripts/broker.sh start).");
        foreach (var option in new Option[] { config, outDir, rolloutNodes, interval, rolloutKills, learnerKills, brokerRestarts, maxFrames, seed, sets }) command.Options.Add(option);
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
            if (result.GetValue(learnerKills) is < 0 or > 1) problems.Add("--learner-kills: must be 0 or 1");
            if (result.GetValue(brokerRestarts) is < 0 or > 1) problems.Add("--broker-restarts: must be 0 or 1");
            var portText = Environment.GetEnvironmentVariable("IMPALA_BROKER_PORT") ?? "5679";
            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                problems.Add($"IMPALA_BROKER_PORT: '{portText}' is not a port");
            var brokerScript = Path.GetFullPath(Path.Combine("scripts", "broker.sh"));
            if (result.GetValue(brokerRestarts) > 0 && !File.Exists(brokerScript)) problems.Add($"--broker-restarts: {brokerScript} not found (run from the repository root)");
            if (problems.Count > 0)
            {
                foreach (var problem in problems) error.WriteLine($"impala chaos: {problem}");
                return CliApp.InvalidInput;
            }
            if (!Cluster.Transport.Broker.Answers("127.0.0.1", port))
            {
                error.WriteLine($"impala chaos: no broker answers on 127.0.0.1:{port} (IMPALA_BROKER_PORT); start one with scripts/broker.sh start, or use experiments/chaos");
                return CliApp.Failed;
            }
            var options = new ChaosRunner.Options(
                Environment.ProcessPath ?? "dotnet", typeof(ChaosCommand).Assembly.Location, configFile.FullName, directory.FullName,
                result.GetValue(rolloutNodes), TimeSpan.FromSeconds(result.GetValue(interval)), result.GetValue(rolloutKills),
                result.GetValue(learnerKills), result.GetValue(brokerRestarts), result.GetValue(seed), result.GetValue(sets) ?? [], brokerScript, port,
                result.GetValue(maxFrames));
            try
            {
                var report = new ChaosRunner(options, output).Run();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"chaos: {report.RolloutKills} rollout kills, {report.LearnerKills} learner kills, {report.BrokerRestarts} broker restarts in {report.WallSeconds:F0} s"));
                output.WriteLine($"  unrolls confirmed {report.UnrollsConfirmed}, learned {report.UnrollsUsed}, dropped {(report.UnrollsDropped.Count == 0 ? "none" : string.Join(",", report.UnrollsDropped.Select(p => $"{p.Key}={p.Value}")))}, left queued {report.QueuedAtEnd}");
                output.WriteLine($"  LOST {report.Lost}, DUPLICATED {report.Duplicated}");
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  frames {report.Frames}, return(100) {report.FinalReturnMean100:F1}, {report.UnrollsPerSecond:F0} unrolls/s, {report.MegabytesPerSecond:F2} MB/s, broadcast latency p50 {report.BroadcastLatencyP50Ms:F1} ms p95 {report.BroadcastLatencyP95Ms:F1} ms"));
                output.WriteLine($"  report: {Path.Combine(directory.FullName, "chaos-report.json")}");
                return report.Lost == 0 && report.Duplicated == 0 ? CliApp.Ok : CliApp.Failed;
            }
            catch (Exception e) when (e is TimeoutException or IOException or RabbitMQ.Client.Exceptions.BrokerUnreachableException)
            {
                error.WriteLine($"impala chaos: {e.Message}");
                return CliApp.Failed;
            }
        });
        return command;
    }
}
