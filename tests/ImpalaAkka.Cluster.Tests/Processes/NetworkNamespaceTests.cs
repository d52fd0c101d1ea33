using System.Diagnostics;
using Xunit.Abstractions;

namespace ImpalaAkka.Cluster.Tests.Processes;

/// <summary>
/// A learner and a rollout node in two network namespaces, talking over a real veth link between two
/// network stacks (not loopback), with the link cut and restored by the kernel rather than by Akka's
/// failure injector.
/// </summary>
[Collection(nameof(ClusterProcessTests))]
public sealed class NetworkNamespaceTests(ITestOutputHelper output)
{
    private const int Port = 25520;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan Cut = TimeSpan.FromSeconds(3);

    // Far above the cut plus the failure detector's 3 s pause, so the split-brain resolver downs nobody.
    private static readonly TimeSpan StableAfter = TimeSpan.FromSeconds(20);

    [NetworkNamespaceFact]
    public void LinkCutShorterThanStableAfter_RolloutNodeUnreachableThenReachable_LearningResumesWithNoDuplicates()
    {
        using var net = new NetworkNamespaces();
        var directory = Directory.CreateTempSubdirectory("ia-netns-").FullName;
        var learnerDirectory = Path.Combine(directory, "learner-state");
        var nodes = new List<NodeProcess>();
        string[] sets =
        [
            $"impala.cluster.name=netns-{Guid.NewGuid().ToString("N")[..12]}",
            $"impala.cluster.seed-nodes=[\"{net.AddressA}:{Port}\"]",
            $"impala.cluster.port={Port}",
            "impala.cluster.allow-insecure=on",
            $"impala.cluster.stable-after={StableAfter.TotalSeconds}s",
            $"impala.cluster.learner-dir=\"{learnerDirectory}\"",
            "impala.run.max-frames=1000000000",
            "impala.run.target-return=null",
            "impala.run.log-every=1s",
        ];
        NodeProcess Start(string ns, string address, string role, string node)
        {
            var process = NodeProcess.Start(Environment.ProcessPath!, Path.Combine(AppContext.BaseDirectory, "impala.dll"), role, node,
                Path.Combine(ClusterHarness.Repository, "hocon", "cluster.conf"), Path.Combine(directory, node), [.. sets, $"impala.cluster.hostname=\"{address}\""],
                Path.Combine(directory, $"{node}.log"), wrapper: NetworkNamespaces.Exec(ns));
            nodes.Add(process);
            return process;
        }
        string[] Learned() => RunFiles.Lines(Path.Combine(learnerDirectory, "learned.log"));
        string[] Membership() => RunFiles.Lines(Path.Combine(directory, "learner", "nodes.log"));
        int Unreachable() => Array.FindLastIndex(Membership(), l => l.EndsWith(" rollout-0 unreachable", StringComparison.Ordinal));
        void WaitFor(Func<bool> condition, TimeSpan limit, string what)
        {
            try
            {
                ClusterHarness.WaitFor(condition, limit, what);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n{Diagnostics(directory, nodes)}", e);
            }
        }

        var clock = Stopwatch.StartNew();
        void Step(string what) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {what} (learned {Learned().Length})");
        void Stop(NodeProcess node)
        {
            if (!node.Interrupt(TimeSpan.FromSeconds(60))) throw new TimeoutException($"{node.Node} did not stop within 60 s of SIGTERM\n{Diagnostics(directory, nodes)}");
            Step($"{node.Node} stopped (exit {node.ExitCode})");
            Assert.True(node.ExitCode == 0, $"{node.Node} exited with {node.ExitCode} after SIGTERM, expected 0\n{Diagnostics(directory, nodes)}");
        }

        try
        {
            var learner = Start(net.A, net.AddressA, "learner", "learner");
            var rollout = Start(net.B, net.AddressB, "rollout", "rollout-0");
            WaitFor(() => Learned().Length > 50, Patience, "the learner to learn from 50 unrolls sent over the veth link");
            Step("learned from 50 unrolls");
            // Unrolls can arrive while rollout-0 is still joining; it is up once the leader has seen the gossip converge.
            WaitFor(() => Membership().Any(l => l.EndsWith($" rollout-0 up (rollout, {net.AddressB}:{Port})", StringComparison.Ordinal)), TimeSpan.FromSeconds(30),
                $"the learner to list rollout-0 up at {net.AddressB}:{Port}");

            var cut = Stopwatch.StartNew();
            net.SetLink(net.B, up: false);
            Step("link down");
            WaitFor(() => Unreachable() >= 0, TimeSpan.FromSeconds(15), "the learner to see rollout-0 unreachable with the link down");
            Step("rollout-0 unreachable");
            // The partition itself: wall-clock time with the link down, which no file marks the end of.
            Thread.Sleep(Cut);
            net.SetLink(net.B, up: true);
            Step("link up");
            Assert.True(cut.Elapsed < StableAfter - TimeSpan.FromSeconds(5), $"the link was down {cut.Elapsed.TotalSeconds:0.0} s, too near stable-after for this test to mean anything");

            var healed = Learned().Length;
            WaitFor(() => Membership().Skip(Unreachable() + 1).Any(l => l.EndsWith(" rollout-0 up", StringComparison.Ordinal)), TimeSpan.FromSeconds(30),
                "the learner to see rollout-0 reachable again");
            Step("rollout-0 reachable");
            WaitFor(() => Learned().Length >= healed + 50, Patience, "learning to resume: 50 more unrolls after the link came back");
            Step("learned from 50 more");
            Assert.False(rollout.HasExited, "rollout-0 exited during the partition");
            var downed = Membership().Where(l => l.Contains(" rollout-0 ", StringComparison.Ordinal) &&
                (l.EndsWith(" down", StringComparison.Ordinal) || l.EndsWith(" removed", StringComparison.Ordinal) || l.Contains(" restarted (", StringComparison.Ordinal))).ToList();
            Assert.True(downed.Count == 0, $"a partition shorter than stable-after downed or restarted rollout-0: {string.Join("; ", downed)}");

            Stop(rollout);
            Stop(learner);
            var learned = Learned();
            var twice = learned.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"{twice.Count} of {learned.Length} unrolls learned twice, e.g. {string.Join(", ", twice.Take(5))}");
        }
        finally
        {
            foreach (var node in nodes) node.Kill();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>The tails of the nodes' logs and the learner's nodes.log, for a failure message.</summary>
    private static string Diagnostics(string directory, IEnumerable<NodeProcess> nodes)
    {
        static string Tail(string path) => File.Exists(path) ? string.Join("\n", RunFiles.Text(path).Split('\n').TakeLast(15)) : "(none)";
        return string.Join("\n", nodes.Select(n => $"--- {n.Node}.log\n{Tail(n.LogPath)}")
            .Append($"--- learner/nodes.log\n{Tail(Path.Combine(directory, "learner", "nodes.log"))}"));
    }
}
