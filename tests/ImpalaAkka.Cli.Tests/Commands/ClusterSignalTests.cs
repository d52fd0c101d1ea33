namespace ImpalaAkka.Cli.Tests.Commands;

/// <summary>
/// How <c>impala cluster up</c> stops: as a script's background job (SIGINT ignored, and so in its children too) it still stops
/// every node cleanly and at once on SIGTERM; once every rollout node has exited it stops the learner by itself and exits 1.
/// </summary>
public sealed class ClusterSignalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    private readonly string directory = Directory.CreateTempSubdirectory("ia-cluster-signal-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ClusterUp_SigintIgnored_SigtermStopsEveryNodeCleanly()
    {
        using var cluster = ImpalaProcess.Start(["cluster", "up", "--rollout-nodes", "1", "--out", directory, "--config", CliRunner.RepositoryFile("hocon/cluster.conf"),
            "--set", "impala.run.max-frames=1000000000", "--set", "impala.learner.batch-size=2", "--set", "impala.rollout.envs-per-actor=2"], shell: "trap '' INT; exec \"$@\"");
        // Each node says where it is once its own handlers are in place.
        var up = Task.WhenAll(cluster.Line(l => l.Contains("| impala node: learner", StringComparison.Ordinal)),
            cluster.Line(l => l.Contains("| impala node: rollout", StringComparison.Ordinal)));
        Assert.True(await Task.WhenAny(up, Task.Delay(Patience)) == up, $"the nodes did not start within {Patience}:\n{cluster.Output}");
        var stopping = DateTime.UtcNow;
        cluster.Signal("TERM");
        Assert.True(cluster.WaitForExit(Patience), $"still running {Patience} after SIGTERM:\n{cluster.Output}");
        Assert.True(cluster.ExitCode == CliApp.Ok, $"exit {cluster.ExitCode}, expected {CliApp.Ok}:\n{cluster.Output}");
        Assert.Contains("impala cluster up: every node stopped cleanly", cluster.Output);
        // The old SIGINT to the nodes was ignored: each sat out 60 s before SIGKILL.
        Assert.True(DateTime.UtcNow - stopping < TimeSpan.FromSeconds(50), $"stopping took {DateTime.UtcNow - stopping}:\n{cluster.Output}");
    }

    [Fact]
    public void ClusterUp_EveryRolloutNodeExits_StopsTheLearnerAndExitsOne()
    {
        using var cluster = ImpalaProcess.Start(["cluster", "up", "--rollout-nodes", "1", "--out", directory, "--config", CliRunner.RepositoryFile("hocon/cluster.conf"),
            "--set", "impala.run.max-frames=1000000000", "--set", "impala.env.fail-every=1", "--set", "impala.supervision.max-restarts=1",
            "--set", "impala.supervision.backoff-min=1ms", "--set", "impala.supervision.backoff-max=2ms"]);
        Assert.True(cluster.WaitForExit(Patience), $"still running {Patience} after its only rollout node lost every actor:\n{cluster.Output}");
        Assert.True(cluster.ExitCode == CliApp.Failed, $"exit {cluster.ExitCode}, expected {CliApp.Failed}:\n{cluster.Output}");
        Assert.Contains("impala cluster up: every rollout node has exited (rollout-0 with code 1;", cluster.Output);
        Assert.Contains("impala cluster up: every node stopped cleanly", cluster.Output);
    }
}
