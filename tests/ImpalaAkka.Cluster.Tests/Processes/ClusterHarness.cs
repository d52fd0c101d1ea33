using System.Diagnostics;
using ImpalaAkka.Cluster.Wire;
using RabbitMQ.Client;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>
/// Real impala node processes against the test broker (scripts/broker.sh, started by ./build.sh
/// test on 127.0.0.1:IMPALA_BROKER_PORT). Every harness uses its own queue and exchange names, and
/// every wait is bounded.
/// </summary>
internal sealed class ClusterHarness : IDisposable
{
    private readonly List<Node> nodes = [];

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

    public Node Start(string role, string node)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "impala.dll"), "node", "--role", role, "--node", node,
                     "--config", Path.Combine(Repository, "hocon", "cluster.conf"), "--run-dir", RunDirectory(node)])
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var set in Sets)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(set);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start impala node");
        var result = new Node(process, Path.Combine(Directory, $"{node}.{nodes.Count}.log"));
        nodes.Add(result);
        return result;
    }

    /// <summary>Lines of a node's file (learned.log, confirmed.log), or none.</summary>
    public string[] Lines(string node, string file)
    {
        var path = Path.Combine(RunDirectory(node), file);
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static void WaitFor(Func<bool> condition, TimeSpan limit, string what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}");
            Thread.Sleep(100);
        }
    }

    public static async Task<IConnection> ConnectAsync() =>
        await new ConnectionFactory { HostName = "127.0.0.1", Port = Port, UserName = "guest", Password = "guest" }.CreateConnectionAsync();

    /// <summary>Takes every message left in <paramref name="queue"/> and returns the producer ids of those that decode.</summary>
    public static async Task<List<string>> DrainAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var ids = new List<string>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            ids.Add(WireCodec.DecodeUnroll(message.Body, 1 << 24).Producer.ToString());
        }
        return ids;
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

    public sealed class Node
    {
        private readonly Process process;

        public Node(Process process, string log)
        {
            this.process = process;
            var writer = new StreamWriter(log) { AutoFlush = true };
            var gate = new object();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) writer.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) writer.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            Log = log;
        }

        public string Log { get; }

        public string Output()
        {
            using var stream = new FileStream(Log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return new StreamReader(stream).ReadToEnd();
        }

        /// <summary>SIGKILL: no chance to checkpoint, ack or say goodbye.</summary>
        public void Kill()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }

        /// <summary>SIGINT, then waits for a clean exit (bounded).</summary>
        public void Interrupt()
        {
            if (process.HasExited) return;
            using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill?.WaitForExit(5_000);
            if (!process.WaitForExit(60_000)) throw new TimeoutException("node did not stop within 60 s of SIGINT");
        }
    }
}
