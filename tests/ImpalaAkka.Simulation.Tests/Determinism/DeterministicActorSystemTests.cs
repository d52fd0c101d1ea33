using ImpalaAkka.Impala.Topology;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using ImpalaAkka.Simulation.Determinism;

namespace ImpalaAkka.Simulation.Tests.Determinism;

public sealed class DeterministicActorSystemTests
{
    [Fact]
    public void Create_PumpNotRunningDuringCreate_ReturnsWithoutWaitingForALogger()
    {
        // The first system in a process pays for JIT; time the second.
        using (DeterministicActorSystem.Create("warmup", seed: 0))
        {
        }
        var clock = Stopwatch.StartNew();
        using var system = DeterministicActorSystem.Create("quick", seed: 0);
        clock.Stop();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Create took {clock.Elapsed}; an actor logger would make it wait 5 s");
        Assert.True(system.Pump.Steps > 0, "startup ran on the pump");
        Assert.Equal(0, system.Pump.Pending);
        Assert.Equal(TimeSpan.Zero, system.Now);
        Assert.DoesNotContain(system.LogLines, line => line.Level >= RuntimeEventLevel.Warning);
    }

    [Fact]
    public void Create_EveryDispatcherIdAkkaUses_IsTheOneDeterministicDispatcher()
    {
        using var system = DeterministicActorSystem.Create("dispatchers", seed: 0);
        var dispatchers = system.System.Dispatchers;

        var deterministic = Assert.IsType<DeterministicDispatcher>(dispatchers.DefaultGlobalDispatcher);
        Assert.Same(system.Pump, deterministic.Pump);
        foreach (var id in DeterministicConfig.AliasedDispatchers) Assert.Same(deterministic, dispatchers.Lookup(id));
        Assert.Equal(1, deterministic.Throughput);
        Assert.Null(deterministic.ThroughputDeadlineTime);
        Assert.IsType<VirtualScheduler>(system.System.Scheduler);
    }

    [Fact]
    public void Create_ExtraConfig_CanSetThroughputButNotTheDispatcherType()
    {
        var extra = ConfigurationFactory.ParseString("""
            akka.actor.default-dispatcher { throughput = 5, type = Dispatcher }
            akka.scheduler.implementation = "Akka.Actor.HashedWheelTimerScheduler"
            """);
        using var system = DeterministicActorSystem.Create("extra", seed: 0, extra);

        Assert.Equal(5, system.System.Dispatchers.DefaultGlobalDispatcher.Throughput);
        Assert.IsType<VirtualScheduler>(system.System.Scheduler);
    }

    [Fact]
    public void Ask_ActorReplies_ReturnsTheReplyWithoutMovingVirtualTime()
    {
        using var system = DeterministicActorSystem.Create("ask", seed: 3);
        var echo = system.System.ActorOf(Props.Create(() => new Echo()), "echo");

        Assert.Equal("echo hello", system.Ask<string>(echo, "hello"));
        Assert.Equal(TimeSpan.Zero, system.Now);
    }

    [Fact]
    public void Ask_NoReply_ThrowsOnceThePumpIsIdle()
    {
        using var system = DeterministicActorSystem.Create("ask", seed: 3);
        var echo = system.System.ActorOf(Props.Create(() => new Echo()), "echo");

        var error = Assert.Throws<InvalidOperationException>(() => system.Ask<string>(echo, "silent"));
        Assert.Equal("no reply from akka://ask/user/echo to String: the pump went idle at virtual time 00:00:00", error.Message);
    }

    [Fact]
    public void Ask_FailureReply_ThrowsWithItsCause()
    {
        using var system = DeterministicActorSystem.Create("ask", seed: 3);
        var echo = system.System.ActorOf(Props.Create(() => new Echo()), "echo");

        var error = Assert.Throws<InvalidOperationException>(() => system.Ask<string>(echo, "fail"));
        Assert.Equal("refused", error.InnerException?.Message);
    }

    [Fact]
    public void DeadLetters_TellsToAStoppedActor_AreCounted()
    {
        using var system = DeterministicActorSystem.Create("dead", seed: 0);
        var echo = system.System.ActorOf(Props.Create(() => new Echo()), "echo");
        system.System.Stop(echo);
        system.RunUntilIdle();

        echo.Tell("lost");
        echo.Tell("lost too");
        system.RunUntilIdle();

        Assert.Equal(2, system.DeadLetters);
    }

    [Fact]
    public void LogLines_ActorLogsAWarning_CapturedWithSourceAndVirtualTime()
    {
        using var system = DeterministicActorSystem.Create("logs", seed: 0);
        var echo = system.System.ActorOf(Props.Create(() => new Echo()), "echo");
        system.RunFor(TimeSpan.FromMilliseconds(250));

        Assert.Equal("echo warn", system.Ask<string>(echo, "warn"));

        var line = Assert.Single(system.LogLines, l => l.Level == RuntimeEventLevel.Warning);
        Assert.Equal(new LogLine(TimeSpan.FromMilliseconds(250), RuntimeEventLevel.Warning, "akka://logs/user/echo", "asked to warn", null), line);
    }

    [Fact]
    public void GuardianStrategy_StoppingFromExtraConfig_StopsAFailingTopLevelActor()
    {
        var extra = ConfigurationFactory.ParseString("""akka.actor.guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy" """);
        using var system = DeterministicActorSystem.Create("stopping", seed: 0, extra);
        var echo = system.System.ActorOf(Props.Create(() => new Echo()), "echo");

        echo.Tell(1);
        system.RunUntilIdle();
        echo.Tell("after");
        system.RunUntilIdle();

        Assert.Equal(1, system.DeadLetters);
        Assert.Contains(system.LogLines, l => l.Level == RuntimeEventLevel.Error && l.Cause?.Message == "failing on 1");
    }

    [Fact]
    public void Dispose_RunningSystemWithActors_TerminatesIt()
    {
        var system = DeterministicActorSystem.Create("dispose", seed: 0);
        var echo = system.System.ActorOf(Props.Create(() => new Echo()), "echo");
        system.RunUntilIdle();

        system.Dispose();

        Assert.True(system.System.WhenTerminated.IsCompleted);
#pragma warning disable CS0618 // IsTerminated is obsolete but is what we want to see.
        Assert.True(((IInternalActorRef)echo).IsTerminated);
#pragma warning restore CS0618
        Assert.Equal(0, system.Pump.Pending);
    }
}
