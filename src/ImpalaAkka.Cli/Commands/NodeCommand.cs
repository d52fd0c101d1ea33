using System.CommandLine;
using System.Globalization;
using ImpalaAkka.Impala.Topology;
using ImpalaAkka.Cluster;
using ImpalaAkka.Cluster.Hosting;
using ImpalaAkka.Config;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala node --role learner|rollout [--config FILE] [--node NAME] [--set k=v ...] [--run-dir DIR]</c>:
/// one Akka.Cluster node. Stops cleanly (leaving the cluster) on SIGINT or SIGTERM.
/// </summary>
internal static class NodeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var role = new Option<string>("--role") { Description = "learner | rollout", Required = true };
        role.AcceptOnlyFromAmong("learner", "rollout");
        var config = new Option<FileInfo?>("--config", "-c") { Description = "config (HOCON), e.g. hocon/cluster.conf" };
        var node = new Option<string?>("--node") { Description = "node name (impala.cluster.node); default: the role" };
        var sets = new Option<string[]>("--set", "-s") { Description = "override a key (repeatable)" };
        var runDir = new Option<DirectoryInfo?>("--run-dir") { Description = "this node's folder (default: runs/cluster/{node}); a learner resumes from the checkpoint in impala.cluster.learner-dir (default: this folder)" };
        var command = new Command("node", "Run one Akka.Cluster node: a learner (active, or standby for the active one) or a rollout node.");
        foreach (var option in new Option[] { role, config, node, sets, runDir }) command.Options.Add(option);
        command.SetAction(result =>
        {
            var assignments = (result.GetValue(sets) ?? []).ToList();
            var name = result.GetValue(node) ?? result.GetValue(role)!;
            assignments.Add($"impala.cluster.node=\"{name}\"");
            return Run(result.GetValue(role)!, result.GetValue(config)?.FullName, assignments, result.GetValue(runDir)?.FullName, output, error);
        });
        return command;
    }

    private static int Run(string role, string? configFile, List<string> assignments, string? runDir, TextWriter output, TextWriter error)
    {
        ImpalaSettings settings;
        ClusterSettings cluster;
        try
        {
            var resolved = SettingsLoader.LoadConfig(configFile, assignments);
            settings = SettingsLoader.Bind(resolved);
            cluster = ClusterSettings.Bind(resolved);
        }
        catch (ConfigException e)
        {
            error.WriteLine($"impala node: {e.Message}");
            return CliApp.InvalidInput;
        }
        var directory = runDir ?? Path.Combine("runs", "cluster", cluster.Node);
        using var stop = new StopSignal();
        void OnEvent(RuntimeEvent e)
        {
            if (e.Level >= RuntimeEventLevel.Info) error.WriteLine($"[{cluster.Node}] {e.Level} {e.Source}: {e.Text}");
        }
        output.WriteLine($"impala node: {role} '{cluster.Node}' in cluster '{cluster.Name}' at {cluster.AddressOf(new Endpoint(cluster.Hostname, cluster.Port))}, folder {directory}");
        try
        {
            if (role == "learner")
            {
                var learnerDirectory = ClusterNodes.LearnerDirectory(cluster, directory);
                try
                {
                    RunMetrics.CheckExisting(learnerDirectory, settings.Env.ReportedTasks);
                }
                catch (InvalidOperationException e)
                {
                    error.WriteLine($"impala node: {e.Message}");
                    return CliApp.InvalidInput;
                }
                var monitor = new TrainingMonitor(settings.Run.MaxFrames, settings.Run.TargetReturn, settings.Run.StopAtTarget);
                var nodes = new NodeTable();
                using var abort = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                var run = ClusterNodes.RunLearnerAsync(settings, cluster, monitor, new ClusterNodes.Options(directory, OnEvent, nodes), abort.Token);
                TrainingSnapshot? previous = null;
                // Opened once this node learns (a standby's monitor counts nothing): metrics.csv in the shared folder goes
                // on across takeovers (each row is appended at the file's end), and each active learner adds an event file.
                RunMetrics? metrics = null;
                string? metricsProblem = null;
                void Record(TrainingSnapshot snapshot)
                {
                    if (metricsProblem is not null) return;
                    try
                    {
                        (metrics ??= new RunMetrics(learnerDirectory, TimeProvider.System, settings.Env.ReportedTasks)).Append(snapshot);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
                    {
                        // The curves are part of the run: stop cleanly (final checkpoint, leave the cluster) rather than learn on unrecorded.
                        metricsProblem = e.Message;
                        error.WriteLine($"impala node: cannot write the metrics ({e.Message}); stopping");
                        abort.Cancel();
                    }
                }
                try
                {
                    while (Task.WaitAny([run], settings.Run.LogEvery) != 0)
                    {
                        var snapshot = monitor.Snapshot();
                        if (snapshot.Frames > 0 || previous is not null)
                        {
                            Record(snapshot);
                            output.WriteLine(TrainingConsole.Line(snapshot, previous, settings) + $"  dropped {string.Join(",", snapshot.Dropped.Select(p => $"{p.Key}={p.Value}"))}");
                            previous = snapshot;
                        }
                        output.WriteLine(nodes.Format(DateTimeOffset.UtcNow));
                    }
                    var result = run.GetAwaiter().GetResult();
                    switch (result.Ending)
                    {
                        case LearnerNodeEnding.Learned:
                            Record(result.Outcome!.Final);
                            var summary = RunSummary.From(settings, result.Outcome!);
                            var summaryPath = Path.Combine(learnerDirectory, "summary.json");
                            var summaryWritten = true;
                            try
                            {
                                summary.Write(summaryPath);
                            }
                            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                            {
                                error.WriteLine($"impala node: cannot write {summaryPath} ({e.Message})");
                                summaryWritten = false;
                            }
                            TrainingConsole.PrintSummary(summary, output);
                            return summaryWritten && metricsProblem is null && result.Outcome!.StopReason is StopReason.MaxFrames or StopReason.TargetReturn or StopReason.Interrupted
                                ? CliApp.Ok : CliApp.Failed;
                        case LearnerNodeEnding.BadCheckpoint:
                            error.WriteLine($"impala node: cannot restore the learner: {result.Problem}");
                            return CliApp.InvalidInput;
                        case LearnerNodeEnding.Downed:
                            error.WriteLine($"impala node: {cluster.Node}: {result.Problem}");
                            return CliApp.Failed;
                        default:
                            output.WriteLine($"impala node: {cluster.Node} stopped ({(result.Ending == LearnerNodeEnding.FinishedElsewhere ? "the run had finished on another learner node" : "standby")})");
                            return CliApp.Ok;
                    }
                }
                finally
                {
                    metrics?.Dispose();
                }
            }
            long confirmed = 0;
            var rollout = ClusterNodes.RunRolloutAsync(settings, cluster, new ClusterNodes.Options(directory, OnEvent), n => Interlocked.Exchange(ref confirmed, n), stop.Token);
            while (Task.WaitAny([rollout], settings.Run.LogEvery) != 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{cluster.Node}] unrolls in the outbox so far: {Interlocked.Read(ref confirmed)}"));
            }
            switch (rollout.GetAwaiter().GetResult())
            {
                case RolloutNodeEnding.Downed:
                    error.WriteLine($"impala node: {cluster.Node}: the cluster downed this node");
                    return CliApp.Failed;
                case RolloutNodeEnding.ActorsStopped:
                    error.WriteLine($"impala node: {cluster.Node}: every rollout actor failed more than impala.supervision.max-restarts ({settings.Supervision.MaxRestarts}) times and stopped; the node left the cluster (its log has each failure)");
                    return CliApp.Failed;
                default:
                    output.WriteLine($"impala node: {cluster.Node} stopped");
                    return CliApp.Ok;
            }
        }
        catch (ClusterSetupException e)
        {
            error.WriteLine($"impala node: {e.Message}");
            return CliApp.InvalidInput;
        }
        catch (CheckpointException e)
        {
            error.WriteLine($"impala node: cannot restore the learner: {e.Message}");
            return CliApp.InvalidInput;
        }
    }
}
