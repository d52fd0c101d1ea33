using Xunit.Abstractions;

namespace ImpalaAkka.Simulation.Tests.Determinism;

public sealed class DeterminismTests(ITestOutputHelper output)
{
    [Fact]
    public void Workload_SameSeedTwice_IdenticalTrace()
    {
        var a = Workload.Run(seed: 7);
        var b = Workload.Run(seed: 7);

        output.WriteLine($"workload seed 7: {a.Lines.Count} lines, sha256 {a.Sha256()}");
        Assert.Equal(a.Lines, b.Lines);
        Assert.Equal(a.Sha256(), b.Sha256());
    }

    [Fact]
    public void Workload_Seed7_SameHashAsInEveryEarlierProcess()
    {
        // Each process randomises string hashes (and actor UIDs) anew, so a hash recorded by another
        // process is the real reproducibility check. Re-record it only when the workload or Akka changes.
        Assert.Equal("e748507d7982fc95e55f8a318431aaf6f85dc7766facf793268fa05193d2d8be", Workload.Run(seed: 7).Sha256());
    }

    [Fact]
    public void Workload_Seed7_ExercisesTimersRestartsChildrenAndCancelledTells()
    {
        var lines = Workload.Run(seed: 7).Lines;

        Assert.Equal(25, lines.Count(l => l.Contains(" tick ", StringComparison.Ordinal)));
        Assert.Equal(8, lines.Count(l => l.Contains(" restart after failure ", StringComparison.Ordinal)));
        Assert.Equal(4, lines.Count(l => l.Contains("/job-", StringComparison.Ordinal) && l.EndsWith(" stop", StringComparison.Ordinal)));
        string[] delivered = [.. lines.Where(l => l.EndsWith(" from hub", StringComparison.Ordinal)).Select(l => l.Split(" of ")[1])];
        Assert.Equal(["delayed-0 from hub", "delayed-2 from hub", "delayed-4 from hub"], delivered);
        Assert.Contains("   60.0 /user/hub terminated peer-2", lines);
        Assert.Contains("  100.0 driver dead letters 2, foreign enqueues 0", lines);
    }

    [Fact]
    public void Workload_DifferentSeed_DifferentTrace()
    {
        var a = Workload.Run(seed: 7);
        var b = Workload.Run(seed: 8);

        Assert.NotEqual(a.Sha256(), b.Sha256());
    }
}
