namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>
/// Real impala node processes of one <see cref="LocalCluster"/> on 127.0.0.1 (free ports, its own
/// cluster name), with fast failure detection so kills are seen within seconds. Every wait is bounded.
/// </summary>
internal sealed class ClusterHarness : IDisposable
{
    private readonly List<NodeProcess> nodes = [];

    /// <summary>Assignments that make a test cluster quick to notice and settle faults.</summary>
    public static readonly string[] FastFaults =
    [
        "impala.run.max-frames=1000000000",
        "impala.run.target-return=null",
        "impala.run.log-every=1s",
        "impala.cluster.heartbeat-interval=250ms",
        "impala.cluster.acceptable-heartbeat-pause=3s",
        "impala.cluster.stable-after=3s",
        "impala.cluster.retry-join-after=1s",
    ];

    public ClusterHarness(int rolloutNodes, bool standby, bool faultInjection = false, params string[] sets)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ia-cluster-").FullName;
        Cluster = new LocalCluster(Environment.ProcessPath!, Path.Combine(AppContext.BaseDirectory, "impala.dll"),
            Path.Combine(Repository, "hocon", "cluster.conf"), Directory, rolloutNodes, standby, [.. FastFaults, .. sets], faultInjection);
    }

    public string Directory { get; }

    public LocalCluster Cluster { get; }

    public static string Repository
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImpalaAkka.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public NodeProcess Start(string node)
    {
        var result = Cluster.Start(node);
        nodes.Add(result);
        return result;
    }

    /// <summary>Lines of a node's own file (nodes.log, confirmed.log), or none.</summary>
    public string[] Lines(string node, string file) => RunFiles.Lines(Path.Combine(Cluster.RunDirectory(node), file));

    /// <summary>Lines of a file in the learners' shared folder (learned.log, accepted.log, ...), or none.</summary>
    public string[] Shared(string file) => RunFiles.Lines(Path.Combine(Cluster.LearnerDirectory, file));

    public static void WaitFor(Func<bool> condition, TimeSpan limit, string what) => RunFiles.WaitFor(condition, limit, what, TimeSpan.FromMilliseconds(100));

    /// <summary>Waits as <see cref="WaitFor(Func{bool}, TimeSpan, string)"/>; a wait that runs out shows the end of every node's log and nodes.log.</summary>
    public void Await(Func<bool> condition, TimeSpan limit, string what) =>
        Cluster.WaitFor(condition, limit, what, TimeSpan.FromMilliseconds(100), Cluster.Nodes.Select(n => n.Name));

    /// <summary>Waits until <paramref name="observer"/>'s node table lists every node of <paramref name="names"/> as a member.</summary>
    public void AwaitMembers(string observer, TimeSpan limit, params string[] names) =>
        Await(() => names.All(n => Lines(observer, "nodes.log").Any(l => l.Contains($" {n} up (", StringComparison.Ordinal) || l.Contains($" {n} weakly-up (", StringComparison.Ordinal))),
            limit, $"{observer}'s node table to list {string.Join(", ", names)}");

    public void Dispose()
    {
        foreach (var node in nodes) node.Kill();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>How the tests stop a node: SIGTERM and a clean exit within 60 s, or the test fails.</summary>
internal static class NodeProcessExtensions
{
    public static void Interrupt(this NodeProcess node)
    {
        if (!node.Interrupt(TimeSpan.FromSeconds(60))) throw new TimeoutException($"{node.Node} did not stop within 60 s of SIGTERM");
    }

    public static string Output(this NodeProcess node) => RunFiles.Text(node.LogPath);
}
