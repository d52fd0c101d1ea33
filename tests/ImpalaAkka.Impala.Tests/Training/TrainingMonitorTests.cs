using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Tests.Training;

public sealed class TrainingMonitorTests
{
    private static readonly RunCounts Counts = new(
        UnrollsUsed: 10, UnrollsReplayed: 3, LagHistogram: new Dictionary<long, long> { [0] = 6, [2] = 4 },
        Dropped: new Dictionary<string, long> { ["lag"] = 2 }, ActorRestarts: 5, ActorsStopped: 1, DeadLetters: 7,
        FramesToTarget: null, WallSecondsToTarget: null);

    [Fact]
    public void Resume_WithCounts_ContinuesEveryCounter()
    {
        var monitor = new TrainingMonitor(1_000, null) { Restarts = () => 1, DeadLetters = () => 2 };
        monitor.Resume(400, 5, 9, 12.5, Counts);

        var s = monitor.Snapshot();
        Assert.Equal((400L, 5L, 9L, 10L, 3L, 6L, 1L, 9L), (s.Frames, s.LearnerSteps, s.Episodes, s.UnrollsUsed, s.UnrollsReplayed, s.ActorRestarts, s.ActorsStopped, s.DeadLetters));
        Assert.Equal([new(0, 6), new(2, 4)], s.LagHistogram.ToArray());
        Assert.Equal((0.8, 2L), (s.LagMean, s.LagMax));
        Assert.Equal(2, s.Dropped["lag"]);
        Assert.False(monitor.IsComplete, "expected the run to go on below its frame budget");
    }

    [Fact]
    public async Task Resume_AtOrPastTheFrameBudget_CompletesAtOnce()
    {
        var monitor = new TrainingMonitor(400, null);
        monitor.Resume(400, 5, 9, 12.5);
        Assert.True(monitor.Completion.IsCompletedSuccessfully, "expected a resumed run already at max-frames to be complete");
        Assert.Equal(StopReason.MaxFrames, await monitor.Completion);
    }

    [Fact]
    public async Task Resume_PastTheTargetOfARunThatStopsThere_CompletesAtOnce()
    {
        var monitor = new TrainingMonitor(1_000, targetReturn: 100);
        monitor.Resume(400, 5, 9, 12.5, Counts with { FramesToTarget = 300, WallSecondsToTarget = 10 });
        Assert.True(monitor.Completion.IsCompletedSuccessfully, "expected a resumed run past its target to be complete");
        Assert.Equal(StopReason.TargetReturn, await monitor.Completion);
        Assert.Equal(300, monitor.Snapshot().FramesToTarget);
    }
}
