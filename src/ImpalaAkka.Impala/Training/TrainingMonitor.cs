using System.Diagnostics;
using ImpalaAkka.Impala.Learning;

namespace ImpalaAkka.Impala.Training;

/// <summary>
/// The run's shared scoreboard: the learner records each step here, the console and the metrics
/// writer read snapshots. Decides when training is done (frame budget or target return over the
/// last 100 episodes). Thread-safe.
/// </summary>
public sealed class TrainingMonitor
{
    private readonly object gate = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Queue<float> lastReturns = new();
    private readonly Queue<int> lastLengths = new();
    private readonly SortedDictionary<string, Queue<float>> lastReturnsByTask = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, long> lagHistogram = new();
    private readonly Dictionary<string, long> dropped = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<StopReason> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long maxFrames;
    private readonly double? targetReturn;
    private readonly bool stopAtTarget;
    private double wallOffset;
    private long restartsBefore, deadLettersBefore;
    private long frames, steps, episodes, unrollsUsed, replayed, lagCount, lagSum, lagMax, actorsStopped;
    private long? framesToTarget;
    private double? wallToTarget;
    private StepMetrics? last;

    /// <param name="stopAtTarget">Complete when the target is reached; otherwise only record when it was.</param>
    public TrainingMonitor(long maxFrames, double? targetReturn, bool stopAtTarget = true)
    {
        this.maxFrames = maxFrames;
        this.targetReturn = targetReturn;
        this.stopAtTarget = stopAtTarget;
    }

    /// <summary>Completes with the stop reason (<see cref="StopReason.MaxFrames"/>, <see cref="StopReason.TargetReturn"/>, or what <see cref="Stop"/> gave).</summary>
    public Task<StopReason> Completion => completion.Task;

    public bool IsComplete => completion.Task.IsCompleted;

    /// <summary>Reads the rollout actors' restart counter (set by the wiring).</summary>
    public Func<long> Restarts { get; set; } = () => 0;

    /// <summary>Reads the actor system's dead-letter counter (set by the wiring).</summary>
    public Func<long> DeadLetters { get; set; } = () => 0;

    /// <summary>
    /// Continues counters from a checkpoint (<paramref name="counts"/>: the rest of them; null for a
    /// checkpoint that has none). A checkpoint already at the frame budget (or past the target, when
    /// the run stops there) completes the run at once, so the learner takes no step.
    /// </summary>
    public void Resume(long resumedFrames, long resumedSteps, long resumedEpisodes, double resumedWallSeconds, RunCounts? counts = null)
    {
        lock (gate)
        {
            (frames, steps, episodes, wallOffset) = (resumedFrames, resumedSteps, resumedEpisodes, resumedWallSeconds);
            if (counts is not null)
            {
                (unrollsUsed, replayed, actorsStopped) = (counts.UnrollsUsed, counts.UnrollsReplayed, counts.ActorsStopped);
                (restartsBefore, deadLettersBefore) = (counts.ActorRestarts, counts.DeadLetters);
                (framesToTarget, wallToTarget) = (counts.FramesToTarget, counts.WallSecondsToTarget);
                foreach (var (lag, n) in counts.LagHistogram)
                {
                    lagHistogram[lag] = n;
                    lagCount += n;
                    lagSum += lag * n;
                    lagMax = Math.Max(lagMax, lag);
                }
                foreach (var (reason, n) in counts.Dropped) dropped[reason] = n;
            }
        }
        if (stopAtTarget && targetReturn is not null && counts?.FramesToTarget is not null) completion.TrySetResult(StopReason.TargetReturn);
        if (resumedFrames >= maxFrames) completion.TrySetResult(StopReason.MaxFrames);
    }

    /// <summary>Records one learner step: its frames of fresh data, the lags of its fresh unrolls, the episodes they finished (with their task).</summary>
    public void OnStep(long newFrames, StepMetrics metrics, IEnumerable<long> freshLags, int replayedUnrolls, IEnumerable<(string Task, float Return, int Length)> finished)
    {
        StopReason? stop = null;
        lock (gate)
        {
            frames += newFrames;
            steps++;
            last = metrics;
            replayed += replayedUnrolls;
            foreach (var lag in freshLags)
            {
                unrollsUsed++;
                lagCount++;
                lagSum += lag;
                lagMax = Math.Max(lagMax, lag);
                lagHistogram[lag] = lagHistogram.GetValueOrDefault(lag) + 1;
            }
            foreach (var (task, ret, length) in finished)
            {
                episodes++;
                lastReturns.Enqueue(ret);
                lastLengths.Enqueue(length);
                if (lastReturns.Count > 100)
                {
                    lastReturns.Dequeue();
                    lastLengths.Dequeue();
                }
                if (!lastReturnsByTask.TryGetValue(task, out var ofTask)) lastReturnsByTask[task] = ofTask = new Queue<float>();
                ofTask.Enqueue(ret);
                if (ofTask.Count > 100) ofTask.Dequeue();
            }
            if (targetReturn is { } target && framesToTarget is null && lastReturns.Count == 100 && lastReturns.Average() >= target)
            {
                framesToTarget = frames;
                wallToTarget = WallSeconds;
                if (stopAtTarget) stop = StopReason.TargetReturn;
            }
            if (stop is null && frames >= maxFrames)
            {
                stop = StopReason.MaxFrames;
            }
        }
        if (stop is { } reason) completion.TrySetResult(reason);
    }

    public void OnDropped(string reason)
    {
        lock (gate) dropped[reason] = dropped.GetValueOrDefault(reason) + 1;
    }

    public void OnActorStopped()
    {
        lock (gate) actorsStopped++;
    }

    public void Stop(StopReason reason) => completion.TrySetResult(reason);

    private double WallSeconds => wallOffset + clock.Elapsed.TotalSeconds;

    public TrainingSnapshot Snapshot()
    {
        lock (gate)
        {
            return new TrainingSnapshot(
                frames, steps, episodes, WallSeconds,
                lastReturns.Count == 0 ? null : lastReturns.Average(),
                lastLengths.Count == 0 ? null : lastLengths.Average(),
                lastReturns.Count,
                lagCount == 0 ? 0 : (double)lagSum / lagCount, lagMax,
                new SortedDictionary<long, long>(lagHistogram),
                new Dictionary<string, long>(dropped),
                unrollsUsed, replayed, restartsBefore + Restarts(), actorsStopped, deadLettersBefore + DeadLetters(), framesToTarget, wallToTarget, last,
                lastReturnsByTask.ToDictionary(p => p.Key, p => (double)p.Value.Average(), StringComparer.Ordinal));
        }
    }
}
