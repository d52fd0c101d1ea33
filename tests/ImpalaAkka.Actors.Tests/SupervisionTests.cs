using ImpalaAkka.Actors.TestKit;

namespace ImpalaAkka.Actors.Tests;

public sealed class SupervisionTests
{
    private static (DeterministicSystem Kit, TestProbe Probe, TestProbe Lifecycle, IActorRef Parent) Setup(SupervisorStrategy strategy)
    {
        var kit = new DeterministicSystem();
        var probe = kit.CreateProbe("probe");
        var lifecycle = kit.CreateProbe("lifecycle");
        var parent = kit.System.ActorOf(Props.Create(() => new Parent(strategy, lifecycle)), "parent");
        Assert.Equal("start", lifecycle.ExpectMsg<string>());
        return (kit, probe, lifecycle, parent);
    }

    [Fact]
    public void Resume_KeepsStateAndDropsFailingMessage()
    {
        var (kit, probe, lifecycle, parent) = Setup(new SupervisorStrategy(_ => Directive.Resume));
        using (kit)
        {
            parent.Tell(new Add(5));
            parent.Tell(new Boom("op"));
            parent.Tell(new Add(1));
            parent.Tell(new Get(), probe);
            Assert.Equal(6, probe.ExpectMsg<Count>().Value);
            lifecycle.ExpectNoMsg();
        }
    }

    [Fact]
    public void Restart_ReplacesInstance_ResetsState_KeepsMailbox()
    {
        var (kit, probe, lifecycle, parent) = Setup(new SupervisorStrategy(_ => Directive.Restart));
        using (kit)
        {
            parent.Tell(new Add(5));
            parent.Tell(new Boom("op"));
            parent.Tell(new Add(1));
            parent.Tell(new Get(), probe);
            Assert.Equal(1, probe.ExpectMsg<Count>().Value);
            Assert.Equal("stop", lifecycle.ExpectMsg<string>());
            Assert.Equal("restart:InvalidOperationException", lifecycle.ExpectMsg<string>());
            Assert.Equal("start", lifecycle.ExpectMsg<string>());
            Assert.Equal(1, kit.System.Restarts);
        }
    }

    [Fact]
    public void Decider_ChoosesPerExceptionType()
    {
        var strategy = new SupervisorStrategy(e => e is ArgumentException ? Directive.Stop : Directive.Resume);
        var (kit, probe, lifecycle, parent) = Setup(strategy);
        using (kit)
        {
            parent.Tell(new Boom("op"));
            parent.Tell(new Add(2));
            parent.Tell(new Get(), probe);
            Assert.Equal(2, probe.ExpectMsg<Count>().Value);
            parent.Tell(new Boom("arg"));
            parent.Tell(new Get(), probe);
            probe.ExpectNoMsg();
            Assert.Equal("stop", lifecycle.ExpectMsg<string>());
        }
    }

    [Fact]
    public void Restart_BeyondMaxRetriesInWindow_AppliesLimitDirective()
    {
        var strategy = new SupervisorStrategy(_ => Directive.Restart) { MaxRetries = 2, Window = TimeSpan.FromSeconds(10), OnLimitExceeded = Directive.Stop };
        var (kit, probe, lifecycle, parent) = Setup(strategy);
        using (kit)
        {
            for (var i = 0; i < 3; i++) parent.Tell(new Boom("op"));
            parent.Tell(new Get(), probe);
            probe.ExpectNoMsg();
            Assert.Equal(2, kit.System.Restarts);
            var calls = new List<string>();
            try
            {
                while (true) calls.Add(lifecycle.ExpectMsg<string>(timeout: TimeSpan.Zero));
            }
            catch (TestKitException)
            {
            }
            Assert.Equal("stop", calls[^1]);
        }
    }

    [Fact]
    public void Restart_OutsideWindow_DoesNotCountOldFailures()
    {
        var strategy = new SupervisorStrategy(_ => Directive.Restart) { MaxRetries = 1, Window = TimeSpan.FromSeconds(10), OnLimitExceeded = Directive.Stop };
        var (kit, probe, _, parent) = Setup(strategy);
        using (kit)
        {
            parent.Tell(new Boom("op"));
            kit.Advance(TimeSpan.FromSeconds(11));
            parent.Tell(new Boom("op"));
            parent.Tell(new Add(3));
            parent.Tell(new Get(), probe);
            Assert.Equal(3, probe.ExpectMsg<Count>().Value);
            Assert.Equal(2, kit.System.Restarts);
        }
    }

    [Fact]
    public void Restart_WithBackoff_WaitsOnVirtualTime()
    {
        var strategy = new SupervisorStrategy(_ => Directive.Restart) { Backoff = _ => TimeSpan.FromSeconds(5) };
        var (kit, probe, lifecycle, parent) = Setup(strategy);
        using (kit)
        {
            parent.Tell(new Boom("op"));
            parent.Tell(new Get(), probe);
            probe.ExpectNoMsg();
            kit.Advance(TimeSpan.FromSeconds(4.9));
            probe.ExpectNoMsg();
            kit.Advance(TimeSpan.FromSeconds(0.1));
            Assert.Equal(0, probe.ExpectMsg<Count>().Value);
        }
    }

    [Fact]
    public void Escalate_FailsTheParentSoGrandparentDecides()
    {
        using var kit = new DeterministicSystem(guardianStrategy: new SupervisorStrategy(_ => Directive.Stop));
        var lifecycle = kit.CreateProbe("lifecycle");
        var watcher = kit.CreateProbe("watcher");
        var parent = kit.System.ActorOf(Props.Create(() => new Parent(new SupervisorStrategy(_ => Directive.Escalate), lifecycle)), "parent");
        kit.System.ActorOf(Props.Create(() => new WatchAndReport(parent, watcher)), "watch");
        parent.Tell(new Boom("op"));
        Assert.Same(parent, watcher.ExpectMsg<Terminated>().Actor);
    }

    [Fact]
    public void Exponential_DoublesUpToCap()
    {
        var backoff = SupervisorStrategy.Exponential(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));
        Assert.Equal([100.0, 200, 400, 800, 1000, 1000], Enumerable.Range(1, 6).Select(n => backoff(n).TotalMilliseconds));
    }
}
