using Akka.Actor;

namespace ImpalaAkka.Impala.Topology;

/// <summary>The time the roles' protocol timeouts read.</summary>
public static class SchedulerClock
{
    /// <summary>
    /// The scheduler's <c>Now</c> as time since the Unix epoch: what virtual time advances (Akka.TestKit's
    /// <c>TestScheduler</c> moves <c>Now</c> but not <c>MonotonicClock</c>; the simulation's scheduler
    /// moves both), and wall time otherwise.
    /// </summary>
    public static TimeSpan Elapsed(this IScheduler scheduler) => scheduler.Now - DateTimeOffset.UnixEpoch;
}
