using System.Net;
using System.Net.Sockets;

namespace ImpalaAkka.Cluster;

/// <summary>
/// A whole cluster on this machine as <c>impala node</c> processes (cluster up, chaos, the process
/// tests): a learner, optionally a standby learner, and N rollout nodes, each on its own loopback
/// port (free ports found at creation), all seeds of each other, with a fresh cluster name (so no
/// other run's nodes can join) and one shared learner folder. With fault injection, every node
/// polls <see cref="ControlFile"/> for partitions.
/// </summary>
public sealed class LocalCluster
{
    public sealed record Node(string Name, string Role, Endpoint Endpoint);

    private readonly string dotnet;
    private readonly string impalaDll;
    private readonly string config;
    private readonly IReadOnlyList<string> sets;
    private readonly Func<string, Action<string>?>? echo;

    public LocalCluster(string dotnet, string impalaDll, string config, string outDirectory, int rolloutNodes, bool standby, IReadOnlyList<string> sets,
        bool faultInjection = false, Func<string, Action<string>?>? echo = null)
    {
        (this.dotnet, this.impalaDll, this.config, this.sets, this.echo) = (dotnet, impalaDll, config, sets, echo);
        OutDirectory = outDirectory;
        Name = $"run-{Guid.NewGuid():N}"[..12];
        var names = new List<(string Name, string Role)> { ("learner", "learner") };
        if (standby) names.Add(("learner-standby", "learner"));
        names.AddRange(Enumerable.Range(0, rolloutNodes).Select(i => ($"rollout-{i}", "rollout")));
        var ports = FreePorts(names.Count);
        Nodes = [.. names.Select((n, i) => new Node(n.Name, n.Role, new Endpoint("127.0.0.1", ports[i])))];
        LearnerDirectory = Path.Combine(outDirectory, "learner-state");
        ControlFile = faultInjection ? Path.Combine(outDirectory, "partitions") : null;
    }

    public string Name { get; }

    public string OutDirectory { get; }

    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>The shared folder of the learner nodes (checkpoint, learned.log, accepted.log, ...).</summary>
    public string LearnerDirectory { get; }

    /// <summary>The partition control file (fault injection only).</summary>
    public string? ControlFile { get; }

    public Node this[string name] => Nodes.Single(n => n.Name == name);

    public IEnumerable<Node> Rollouts => Nodes.Where(n => n.Role == "rollout");

    public string RunDirectory(string node) => Path.Combine(OutDirectory, node);

    /// <summary>The assignments every node of this cluster gets (before the user's and the node's own).</summary>
    public IReadOnlyList<string> SetsFor(Node node)
    {
        // Every node is a seed, learner nodes first: the first seed forms the cluster, and only when no other
        // seed answers. A restarted node joins through any node that is up: with only the first three, a
        // learner restarted in place just after a partition reached neither of its two other seeds.
        var seeds = Nodes.Select(n => $"\"{n.Endpoint}\"");
        List<string> all =
        [
            .. sets,
            $"impala.cluster.name={Name}",
            $"impala.cluster.hostname=\"{node.Endpoint.Host}\"",
            $"impala.cluster.port={node.Endpoint.Port}",
            $"impala.cluster.seed-nodes=[{string.Join(", ", seeds)}]",
            $"impala.cluster.learner-dir=\"{LearnerDirectory}\"",
        ];
        if (ControlFile is not null)
        {
            all.Add("impala.cluster.fault-injection=on");
            all.Add($"impala.cluster.control-file=\"{ControlFile}\"");
        }
        return all;
    }

    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="pause"/> (<see cref="RunFiles.WaitFor"/>); a wait that runs
    /// out throws a <see cref="TimeoutException"/> that also shows the end of the log and nodes.log of each of <paramref name="nodes"/>.
    /// </summary>
    public void WaitFor(Func<bool> condition, TimeSpan limit, string what, TimeSpan pause, IEnumerable<string> nodes)
    {
        try
        {
            RunFiles.WaitFor(condition, limit, what, pause);
        }
        catch (TimeoutException e)
        {
            var tails = nodes.Distinct().SelectMany(n => new[] { RunFiles.Tail(Path.Combine(OutDirectory, n + ".log")), RunFiles.Tail(Path.Combine(RunDirectory(n), "nodes.log")) });
            throw new TimeoutException($"{e.Message}\n{string.Join("\n", tails)}", e);
        }
    }

    public NodeProcess Start(string name)
    {
        var node = this[name];
        return NodeProcess.Start(dotnet, impalaDll, node.Role, node.Name, config, RunDirectory(node.Name), SetsFor(node),
            Path.Combine(OutDirectory, $"{node.Name}.log"), echo?.Invoke(node.Name));
    }

    /// <summary>Cuts (or, with an empty list, heals) the network between the given pairs of nodes.</summary>
    public void Partition(IEnumerable<(string A, string B)> pairs)
    {
        if (ControlFile is null) throw new InvalidOperationException("this cluster was made without fault injection");
        var text = string.Join("\n", pairs.Select(p => $"{this[p.A].Endpoint} {this[p.B].Endpoint}"));
        var temporary = ControlFile + ".tmp";
        File.WriteAllText(temporary, text.Length > 0 ? text + "\n" : "");
        File.Move(temporary, ControlFile, overwrite: true);
    }

    /// <summary>Ports free on 127.0.0.1 now (the listeners are closed before returning; a race with another program is possible but unlikely).</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ =>
        {
            var l = new TcpListener(IPAddress.Loopback, 0);
            l.Start();
            return l;
        }).ToList();
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        foreach (var l in listeners) l.Stop();
        return ports;
    }
}
