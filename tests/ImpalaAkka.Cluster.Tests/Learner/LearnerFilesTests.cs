using ImpalaAkka.Impala.Messages;
using Xunit;

namespace ImpalaAkka.Cluster.Tests.Learner;

public sealed class LearnerFilesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("impala-learner-files-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void StandbyOpenedBeforeTheActiveWrote_AppendsAfterTheActivesLines_InsteadOfOverwritingThem()
    {
        // Both learner nodes open the shared logs at start; the standby writes only once it takes over.
        using var active = new LearnerFiles(directory);
        using var standby = new LearnerFiles(directory);
        for (var i = 0; i < 3; i++) active.Dropped(new ProducerId("rollout-0", 0, 1, 100 + i), "stale");
        standby.Dropped(new ProducerId("rollout-1", 0, 1, 5), "stale");
        active.Dropped(new ProducerId("rollout-0", 0, 1, 103), "stale");

        Assert.Equal(
            ["rollout-0/0.1#100 stale", "rollout-0/0.1#101 stale", "rollout-0/0.1#102 stale", "rollout-1/0.1#5 stale", "rollout-0/0.1#103 stale"],
            RunFiles.Lines(Path.Combine(directory, "dropped.log")));
    }
}
