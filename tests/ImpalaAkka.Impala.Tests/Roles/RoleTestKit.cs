using Akka.Actor;
using Akka.TestKit;

namespace ImpalaAkka.Impala.Tests.Roles;

/// <summary>
/// An Akka TestKit on virtual time: the system runs on <see cref="TestScheduler"/>, so timers fire
/// only when a test advances the clock, and <see cref="Settle"/> is the barrier a test passes
/// before it asserts what an actor did (or did not) send.
/// </summary>
public abstract class RoleTestKit(string extraHocon = "") : Akka.TestKit.Xunit2.TestKit($"""
    akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
    {extraHocon}
    """)
{
    protected TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    /// <summary>
    /// Advances virtual time by <paramref name="times"/> steps of <paramref name="step"/>. One step at
    /// a time because TestScheduler re-arms a periodic timer from the time it fired: one long advance
    /// would fire it once.
    /// </summary>
    protected void Advance(TimeSpan step, int times = 1)
    {
        for (var i = 0; i < times; i++) Clock.Advance(step);
    }

    /// <summary>
    /// Returns once <paramref name="actor"/> has handled every message sent to it before, and the
    /// messages it sent itself meanwhile (two Identify round trips). Test probes run on the calling
    /// thread, so whatever the actor told them by then is already in their queues.
    /// </summary>
    protected void Settle(IActorRef actor)
    {
        var barrier = CreateTestProbe();
        for (var i = 0; i < 2; i++)
        {
            actor.Tell(new Identify(i), barrier.Ref);
            var identity = barrier.ExpectMsg<ActorIdentity>();
            Assert.True(actor.Equals(identity.Subject), $"expected {actor} to answer the barrier, got {identity.Subject?.ToString() ?? "no actor"}");
        }
    }

    /// <summary>Asserts that <paramref name="probe"/> holds no message now (call after <see cref="Settle"/>).</summary>
    protected static void AssertNothingFor(TestProbe probe) => probe.ExpectNoMsg(TimeSpan.Zero);
}
