using System.CommandLine;
using ImpalaAkka.Cluster;
using ImpalaAkka.Config;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala cluster up</c>: a learner (optionally a standby learner) and N rollout nodes as child
/// processes of one Akka cluster on this machine's loopback, their output streamed into this
/// console (and each node's log file); Ctrl-C or SIGTERM stops them all cleanly (each node gets SIGTERM). <c>impala cluster cert</c>
/// makes a lab certificate for TLS.
/// </summary>
internal static class ClusterCommand
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo>("--config", "-c") { Description = "cluster config (HOCON)", DefaultValueFactory = _ => new FileInfo("hocon/cluster.conf") };
        var rolloutNodes = new Option<int>("--rollout-nodes", "-n") { Description = "rollout node processes (1..32)", DefaultValueFactory = _ => 3 };
        var standby = new Option<bool>("--standby") { Description = "also start a standby learner that takes over if the learner dies" };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "the nodes' folders and logs; the learner's state is in OUT/learner-state (a checkpoint there is resumed)", DefaultValueFactory = _ => new DirectoryInfo("runs/cluster") };
        var sets = new Option<string[]>("--set", "-s") { Description = "override a key on every node (repeatable)" };
        var up = new Command("up", "Start a learner and N rollout nodes as one Akka cluster on 127.0.0.1; Ctrl-C stops them.");
        foreach (var option in new Option[] { config, rolloutNodes, standby, outDir, sets }) up.Options.Add(option);
        up.SetAction(result => Up(result.GetValue(config)!, result.GetValue(rolloutNodes), result.GetValue(standby), result.GetValue(outDir)!, result.GetValue(sets) ?? [], output, error));
        var command = new Command("cluster", "Run a whole cluster on this machine, or make a TLS certificate for one.");
        command.Subcommands.Add(up);
        command.Subcommands.Add(ClusterCertCommand.Create(output, error));
        return command;
    }

    private static int Up(FileInfo config, int rolloutNodes, bool standby, DirectoryInfo outDir, string[] sets, TextWriter output, TextWriter error)
    {
        if (rolloutNodes is < 1 or > 32)
        {
            error.WriteLine("impala cluster up: --rollout-nodes: must be 1..32");
            return CliApp.InvalidInput;
        }
        try
        {
            var resolved = SettingsLoader.LoadConfig(config.FullName, sets);
            SettingsLoader.Bind(resolved);
            ClusterSettings.Bind(resolved);
        }
        catch (ConfigException e)
        {
            error.WriteLine($"impala cluster up: {e.Message}");
            return CliApp.InvalidInput;
        }
        Directory.CreateDirectory(outDir.FullName);
        var console = new object();
        void Echo(string line)
        {
            lock (console) output.WriteLine(line);
        }
        var cluster = new LocalCluster(Environment.ProcessPath ?? "dotnet", typeof(ClusterCommand).Assembly.Location, config.FullName, outDir.FullName,
            rolloutNodes, standby, sets, echo: node => line => Echo($"{node,-15} | {line}"));

        using var stop = new StopSignal();
        var learner = cluster.Start("learner");
        var standbyNode = standby ? cluster.Start("learner-standby") : null;
        var rollouts = cluster.Rollouts.Select(n => cluster.Start(n.Name)).ToList();
        Echo($"impala cluster up: cluster {cluster.Name}: learner{(standby ? ", standby" : "")} and {rolloutNodes} rollout nodes on 127.0.0.1; folders and logs under {outDir.FullName}; Ctrl-C stops them");
        var reported = new HashSet<string>();
        bool LearnersDone() => learner.HasExited && (standbyNode is null || standbyNode.HasExited);
        // Nobody restarts a rollout node here: once all have exited, nothing is left to produce unrolls.
        bool RolloutsGone() => rollouts.All(r => r.HasExited);
        while (!stop.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500)) && !LearnersDone() && !RolloutsGone())
        {
            foreach (var node in rollouts.Append(learner).Concat(standbyNode is null ? [] : [standbyNode]).Where(r => r.HasExited && reported.Add(r.Node)))
                Echo($"impala cluster up: {node.Node} exited with code {node.ExitCode}; see {node.LogPath}");
        }
        var rolloutsGone = !LearnersDone() && RolloutsGone();
        Echo(LearnersDone() ? $"impala cluster up: the learner exited with code {learner.ExitCode}{(standbyNode is null ? "" : $", the standby with code {standbyNode.ExitCode}")}; stopping the rollout nodes"
            : rolloutsGone ? $"impala cluster up: every rollout node has exited ({string.Join(", ", rollouts.Select(r => $"{r.Node} with code {r.ExitCode}"))}; see their logs under {outDir.FullName}); nothing is left to produce unrolls, stopping the learners"
            : "impala cluster up: stopping (SIGINT or SIGTERM)");
        // The standby first (so it does not take over), then the learner (its final checkpoint), then the rollout nodes.
        var clean = standbyNode?.Interrupt(StopLimit) ?? true;
        clean &= learner.Interrupt(StopLimit);
        clean &= rollouts.Select(r => r.Interrupt(StopLimit)).ToList().All(ok => ok);
        Echo(clean ? "impala cluster up: every node stopped cleanly" : "impala cluster up: a node did not stop within 60 s and was killed");
        var learnerOk = learner.ExitCode == 0 || (standbyNode is { ExitCode: 0 } && File.Exists(Path.Combine(cluster.LearnerDirectory, ClusterNodes.FinishedMarker)));
        return clean && learnerOk && !rolloutsGone ? CliApp.Ok : CliApp.Failed;
    }
}
