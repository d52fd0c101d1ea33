using RabbitMQ.Client;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>
/// Real impala node processes against the test broker (scripts/broker.sh, started by ./build.sh
/// test on 127.0.0.1:IMPALA_BROKER_PORT). Every harness uses its own queue and exchange names, and
/// every wait is bounded.
/// </summary>
internal sealed class ClusterHarness : IDisposable
{
    private readonly List<NodeProcess> nodes = [];

    public ClusterHarness()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("ia-cluster-").FullName;
        var id = Guid.NewGuid().ToString("N")[..8];
        Queue = $"impala.test.{id}.unrolls";
        Sets =
        [
            $"impala.cluster.broker.port={Port}",
            $"impala.cluster.unroll-queue={Queue}",
            $"impala.cluster.parameters-exchange=impala.test.{id}.parameters",
            $"impala.cluster.heartbeats-exchange=impala.test.{id}.heartbeats",
            $"impala.cluster.dead-letter-exchange=impala.test.{id}.dead",
            "impala.cluster.queue-type=classic",
            "impala.run.max-frames=1000000000",
            "impala.run.target-return=null",
            "impala.run.log-every=1s",
            "impala.cluster.heartbeat-interval=250ms",
            "impala.cluster.dead-after=1500ms",
        ];
    }

    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("IMPALA_BROKER_PORT"), out var p) ? p : 5679;

    public string Directory { get; }

    public string Queue { get; }

    public string[] Sets { get; }

    public static string Repository
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImpalaAkka.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public string RunDirectory(string node) => Path.Combine(Directory, node);

    public NodeProcess Start(string role, string node)
    {
        var result = NodeProcess.Start(Environment.ProcessPath!, Path.Combine(AppContext.BaseDirectory, "impala.dll"), role, node,
            Path.Combine(Repository, "hocon", "cluster.conf"), RunDirectory(node), Sets, Path.Combine(Directory, $"{node}.{nodes.Count}.log"));
        nodes.Add(result);
        return result;
    }

    /// <summary>Lines of a node's file (learned.log, confirmed.log), or none.</summary>
    public string[] Lines(string node, string file) => RunFiles.Lines(Path.Combine(RunDirectory(node), file));

    public static void WaitFor(Func<bool> condition, TimeSpan limit, string what) => RunFiles.WaitFor(condition, limit, what, TimeSpan.FromMilliseconds(100));

    public static async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { HostName = "127.0.0.1", Port = Port, UserName = "guest", Password = "guest" }.CreateConnectionAsync();

    /// <summary>Takes every message left in <paramref name="queue"/> and returns the producer ids of those that decode.</summary>
    public static async Task<List<string>> DrainAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await RunFiles.DrainUnrollsAsync(channel, queue)).Ids;
    }

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

/// <summary>How the tests stop a node: SIGINT and a clean exit within 60 s, or the test fails.</summary>
internal static class NodeProcessExtensions
{
    public static void Interrupt(this NodeProcess node)
    {
        if (!node.Interrupt(TimeSpan.FromSeconds(60))) throw new TimeoutException($"{node.Node} did not stop within 60 s of SIGINT");
    }

    public static string Output(this NodeProcess node) => RunFiles.Text(node.LogPath);
}
