using System.CommandLine;
using ImpalaAkka.Cluster;
using ImpalaAkka.Cluster.Transport;
using ImpalaAkka.Config;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Cli.Commands;

/// <summary>
/// <c>impala cluster up</c>: a learner and N rollout nodes as child processes on this machine,
/// against a running local broker, their output streamed into this console (and each node's log
/// file); Ctrl-C stops them all cleanly.
/// </summary>
internal static class ClusterCommand
{
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Option<FileInfo>("--config", "-c") { Description = "cluster config (HOCON)", DefaultValueFactory = _ => new FileInfo("hocon/cluster.conf") };
        var rolloutNodes = new Option<int>("--rollout-nodes", "-n") { Description = "rollout node processes", DefaultValueFactory = _ => 3 };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "the nodes' folders and logs (a learner folder with a checkpoint is resumed)", DefaultValueFactory = _ => new DirectoryInfo("runs/cluster") };
        var sets = new Option<string[]>("--set", "-s") { Description = "override a key on every node (repeatable)" };
        var up = new Command("up", "Start a learner and N rollout nodes on this machine against a running broker (scripts/broker.sh start); Ctrl-C stops them.");
        foreach (var option in new Option[] { config, rolloutNodes, outDir, sets }) up.Options.Add(option);
        up.SetAction(result => Up(result.GetValue(config)!, result.GetValue(rolloutNodes), result.GetValue(outDir)!, result.GetValue(sets) ?? [], output, error));
        var command = new Command("cluster", "Run a whole cluster on this machine.");
        command.Subcommands.Add(up);
        return command;
    }

    private static int Up(FileInfo config, int rolloutNodes, DirectoryInfo outDir, string[] sets, TextWriter output, TextWriter error)
    {
        if (rolloutNodes is < 1 or > 32)
        {
            error.WriteLine("impala cluster up: --rollout-nodes: must be 1..32");
            return CliApp.InvalidInput;
        }
        ClusterSettings cluster;
        try
        {
            var resolved = SettingsLoader.LoadConfig(config.FullName, sets);
            SettingsLoader.Bind(resolved);
            cluster = ClusterSettings.Bind(resolved);
        }
        catch (ConfigException e)
        {
            error.WriteLine($"impala cluster up: {e.Message}");
            return CliApp.InvalidInput;
        }
        if (!Broker.Answers(cluster.Host, cluster.Port))
        {
            error.WriteLine($"impala cluster up: no broker answers on {cluster.Host}:{cluster.Port} (impala.cluster.broker); start one with scripts/broker.sh start");
            return CliApp.Failed;
        }
        Directory.CreateDirectory(outDir.FullName);
        var console = new object();
        void Echo(string line)
        {
            lock (console) output.WriteLine(line);
        }
        NodeProcess Start(string role, string node) => NodeProcess.Start(Environment.ProcessPath ?? "dotnet", typeof(ClusterCommand).Assembly.Location, role, node,
            config.FullName, Path.Combine(outDir.FullName, node), sets, Path.Combine(outDir.FullName, $"{node}.log"), line => Echo($"{node,-10} | {line}"));

        using var ctrlC = new CtrlC();
        var learner = Start("learner", "learner");
        var rollouts = Enumerable.Range(0, rolloutNodes).Select(i => Start("rollout", $"rollout-{i}")).ToList();
        Echo($"impala cluster up: learner and {rolloutNodes} rollout nodes on amqp://{cluster.Host}:{cluster.Port}; folders and logs under {outDir.FullName}; Ctrl-C stops them");
        var reported = new HashSet<string>();
        while (!ctrlC.Token.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(500)) && !learner.HasExited)
        {
            foreach (var rollout in rollouts.Where(r => r.HasExited && reported.Add(r.Node)))
                Echo($"impala cluster up: {rollout.Node} exited with code {rollout.ExitCode}; see {rollout.LogPath}");
        }
        Echo(learner.HasExited ? $"impala cluster up: the learner finished (exit {learner.ExitCode}); stopping the rollout nodes" : "impala cluster up: stopping (Ctrl-C)");
        var clean = rollouts.Select(r => r.Interrupt(StopLimit)).ToList().All(ok => ok);
        clean &= learner.Interrupt(StopLimit);
        Echo(clean ? "impala cluster up: every node stopped cleanly" : "impala cluster up: a node did not stop within 60 s and was killed");
        return clean && learner.ExitCode == 0 ? CliApp.Ok : CliApp.Failed;
    }
}
