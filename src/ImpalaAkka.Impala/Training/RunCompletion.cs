using Akka.Actor;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Training;

/// <summary>How every real-time wiring (in-process, cluster learner node) ends a run.</summary>
public static class RunCompletion
{
    /// <summary>
    /// Waits until the monitor says the run is complete (or <paramref name="cancellation"/>: "interrupted"),
    /// asks the learner to stop (its final checkpoint) unless it already has, terminates the system,
    /// each within <paramref name="stopLimit"/>, and returns the outcome.
    /// </summary>
    public static async Task<TrainingOutcome> AwaitAndStopAsync(ActorSystem system, IActorRef learner, TrainingMonitor monitor, TimeSpan stopLimit,
        CancellationToken cancellation)
    {
        StopReason reason;
        try
        {
            reason = await monitor.Completion.WaitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            reason = StopReason.Interrupted;
            monitor.Stop(reason);
        }

        LearnerStopped? stopped = null;
        if (reason != StopReason.LearnerStopped)
        {
            try
            {
                stopped = await learner.Ask<LearnerStopped>(StopLearner.Instance, stopLimit).ConfigureAwait(false);
            }
            catch (AskTimeoutException)
            {
                // The learner stopped after the run completed: no final checkpoint; the outcome says so.
            }
        }
        await system.Terminate().WaitAsync(stopLimit).ConfigureAwait(false);
        return new TrainingOutcome(reason, monitor.Snapshot(), stopped?.Version ?? -1,
            stopped is null ? "the learner was gone at the end; no final checkpoint" : stopped.CheckpointError);
    }
}
