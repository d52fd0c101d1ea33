using System.Diagnostics;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Simulation;

/// <summary>
/// The fault-schedule search: runs <c>count</c> short simulations, schedule i drawn from seed
/// <c>firstSeed + i</c> (<see cref="FaultSchedule"/>), each layered over the same base config exactly as
/// <c>impala sim --set</c> would, and checks every invariant on each (nothing accepted lost or learned
/// twice, versions strictly increasing per learner life, no actor acting with an unpublished
/// version, lag within an injected bound). Simulations run on <c>workers</c> threads, each
/// deterministic on its own; the outcome of a schedule does not depend on the worker count.
/// </summary>
public static class ScheduleSearch
{
    /// <summary>One schedule's outcome: its result, or <c>Error</c> when the simulation itself failed (which counts as a violation).</summary>
    public sealed record Outcome(FaultSchedule Schedule, SimResult? Result, string? Error = null)
    {
        public bool Held => Result is { InvariantsHeld: true, Lost: 0, LearnedTwice: 0 };

        /// <summary>The first thing that went wrong, for a one-line report.</summary>
        public string FirstProblem => Error ?? Result?.Violations.FirstOrDefault() ?? $"lost {Result?.Lost}, learned twice {Result?.LearnedTwice}";

        public IReadOnlyList<string> Violations => Error is not null ? [Error] : Result?.Violations ?? [];
    }

    /// <summary>What the search ran: <c>FaultsApplied</c> counts the faults that took effect before their runs ended, <c>UnrollsLearned</c> and <c>MessagesLost</c> sum over all runs.</summary>
    public sealed record Summary(int Schedules, int Violating, double WallSeconds, IReadOnlyList<Outcome> Failures, long FaultsApplied, long UnrollsLearned, long MessagesLost)
    {
        public double SchedulesPerSecond => WallSeconds > 0 ? Schedules / WallSeconds : 0;
    }

    /// <param name="load">builds the config for a schedule's assignments (the CLI layers them over the user's file)</param>
    /// <param name="onDone">called after each schedule (from worker threads, serialised)</param>
    /// <remarks><paramref name="cancellation"/> stops the search: no schedule starts after it, the running ones end
    /// early and are left out, and the summary covers the schedules that ran to their end.</remarks>
    public static Summary Run(Func<IReadOnlyList<string>, Config.Config> load, int count, int firstSeed, int workers, Action<Outcome, int>? onDone = null,
        CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var baseSim = SimSettings.Bind(load([]));
        var failures = new List<Outcome>();
        var done = 0;
        long faults = 0, learned = 0, lost = 0;
        var gate = new object();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, (i, loop) =>
        {
            if (cancellation.IsCancellationRequested)
            {
                loop.Stop();
                return;
            }
            var schedule = FaultSchedule.Draw(unchecked(firstSeed + i), baseSim.RolloutNodes, baseSim.Random.Window);
            var config = load(schedule.Assignments);
            Outcome outcome;
            try
            {
                outcome = new Outcome(schedule, Simulation.Run(SettingsLoader.Bind(config), SimSettings.Bind(config), cancellation: cancellation));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or ArgumentException)
            {
                // A livelock guard or a failed shutdown ends this schedule, not the search.
                outcome = new Outcome(schedule, null, $"the simulation failed: {e.GetType().Name}: {e.Message}");
            }
            if (outcome.Result?.StopReason == StopReason.Interrupted.ToText()) return;
            lock (gate)
            {
                if (!outcome.Held) failures.Add(outcome);
                if (outcome.Result is { } result)
                {
                    (faults, learned, lost) = (faults + result.Faults.Count, learned + result.UnrollsLearned, lost + result.MessagesLost);
                }
                onDone?.Invoke(outcome, ++done);
            }
        });
        failures.Sort((a, b) => a.Schedule.Seed.CompareTo(b.Schedule.Seed));
        return new Summary(done, failures.Count, clock.Elapsed.TotalSeconds, failures, faults, learned, lost);
    }
}
