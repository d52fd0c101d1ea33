using Akka.Actor;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Tests.Roles;

public sealed class StopRunWhenTerminatedTests : RoleTestKit
{
    [Fact]
    public async Task WatchedActor_Stopped_StopsTheMonitorWithTheReason()
    {
        var learner = CreateTestProbe();
        var monitor = new TrainingMonitor(1_000_000, null);
        var watch = Sys.ActorOf(Props.Create(() => new StopRunWhenTerminated(learner.Ref, monitor, StopReason.LearnerStopped)), "learner-watch");
        Settle(watch);
        Assert.False(monitor.IsComplete, "expected the run to go on while the learner lives");

        Sys.Stop(learner.Ref);

        Assert.Equal(StopReason.LearnerStopped, await monitor.Completion.WaitAsync(TimeSpan.FromSeconds(3)));
    }
}
