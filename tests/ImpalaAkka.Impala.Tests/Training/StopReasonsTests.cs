using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Tests.Training;

public sealed class StopReasonsTests
{
    [Theory]
    [InlineData(StopReason.MaxFrames, "max-frames")]
    [InlineData(StopReason.TargetReturn, "target-return")]
    [InlineData(StopReason.Interrupted, "interrupted")]
    [InlineData(StopReason.LearnerStopped, "learner stopped")]
    [InlineData(StopReason.RolloutActorsStopped, "rollout actors stopped")]
    public void ToText_EachReason_IsTheTextRunsHaveAlwaysWritten(StopReason reason, string text)
    {
        Assert.Equal(text, reason.ToText());
    }

    [Fact]
    public void RunSummary_StopReason_IsWrittenAsItsText()
    {
        var outcome = new TrainingOutcome(StopReason.LearnerStopped, new TrainingMonitor(1, null).Snapshot(), -1, null);
        Assert.Contains("\"stop_reason\": \"learner stopped\",", RunSummary.From(TestSettings.Load(), outcome).ToJson());
    }
}
