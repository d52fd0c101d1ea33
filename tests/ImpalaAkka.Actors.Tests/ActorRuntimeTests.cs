using ImpalaAkka.Actors.TestKit;

namespace ImpalaAkka.Actors.Tests;

public sealed class ActorRuntimeTests
{
    [Fact]
    public void Tell_MessagesFromOneSender_ArriveInOrder()
    {
        using var kit = new DeterministicSystem();
        var probe = kit.CreateProbe();
        var counter = kit.System.ActorOf(Props.Create(() => new Counter()), "counter");
        for (var i = 1; i <= 100; i++) counter.Tell(new Add(i));
        counter.Tell(new Get(), probe);
        Assert.Equal(5050, probe.ExpectMsg<Count>().Value);
        Assert.Same(counter, probe.LastSender);
    }

    [Fact]
    public void Become_SwitchesBehaviour()
    {
        using var kit = new DeterministicSystem();
        var probe = kit.CreateProbe();
        var toggle = kit.System.ActorOf(Props.Create(() => new Toggle()), "toggle");
        toggle.Tell("ping", probe);
        toggle.Tell("ping", probe);
        toggle.Tell("ping", probe);
        Assert.Equal("off", probe.ExpectMsg<string>());
        Assert.Equal("on", probe.ExpectMsg<string>());
        Assert.Equal("off", probe.ExpectMsg<string>());
    }

    private sealed class Toggle : ActorBase
    {
        public Toggle() => Off();

        private void Off() => Receive<string>(_ =>
        {
            Sender.Tell("off");
            Become(On);
        });

        private void On() => Receive<string>(_ =>
        {
            Sender.Tell("on");
            Become(Off);
        });
    }

    [Fact]
    public async Task Ask_ReturnsReply_AndTimesOutOnVirtualTime()
    {
        using var kit = new DeterministicSystem();
        var counter = kit.System.ActorOf(Props.Create(() => new Counter()), "counter");
        counter.Tell(new Add(7));
        var reply = counter.Ask<Count>(new Get(), TimeSpan.FromSeconds(1), kit.System);
        kit.Run();
        Assert.Equal(7, (await reply).Value);

        var silent = kit.CreateProbe("silent");
        var pending = silent.Ask<Count>(new Get(), TimeSpan.FromSeconds(1), kit.System);
        kit.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(pending.IsCompleted);
        kit.Advance(TimeSpan.FromMilliseconds(1));
        var e = await Assert.ThrowsAsync<AskTimeoutException>(() => pending);
        Assert.Contains("within 00:00:01", e.Message);
    }

    [Fact]
    public void Watch_DeliversTerminated_EvenWhenAlreadyStopped()
    {
        using var kit = new DeterministicSystem();
        var watcher = kit.CreateProbe("watcher");
        var counter = kit.System.ActorOf(Props.Create(() => new Counter()), "counter");
        var spy = kit.System.ActorOf(Props.Create(() => new WatchAndReport(counter, watcher)), "spy");
        kit.Run();
        counter.Tell(PoisonPill.Instance);
        Assert.Same(counter, watcher.ExpectMsg<Terminated>().Actor);

        var late = kit.System.ActorOf(Props.Create(() => new WatchAndReport(counter, watcher)), "late");
        Assert.Same(counter, watcher.ExpectMsg<Terminated>().Actor);
        _ = spy;
        _ = late;
    }

    [Fact]
    public void DeadLetters_AreCountedAndPublished()
    {
        using var kit = new DeterministicSystem();
        var events = new List<ActorEvent>();
        kit.System.Events += events.Add;
        var counter = kit.System.ActorOf(Props.Create(() => new Counter()), "counter");
        kit.System.Stop(counter);
        kit.Run();
        counter.Tell(new Add(1));
        counter.Tell(new Add(2));
        Assert.Equal(2, kit.System.DeadLetters);
        Assert.Contains(events, e => e.Text.StartsWith("dead letter Add", StringComparison.Ordinal));
    }

    [Fact]
    public void BoundedMailbox_WhenFull_DropsNewMessagesAsDeadLetters()
    {
        using var kit = new DeterministicSystem();
        var probe = kit.CreateProbe();
        var counter = kit.System.ActorOf(Props.Create(() => new Counter()).WithBoundedMailbox(3), "counter");
        kit.Run();
        for (var i = 0; i < 5; i++) counter.Tell(new Add(1));
        Assert.Equal(2, kit.System.DeadLetters);
        kit.Run();
        counter.Tell(new Get(), probe);
        Assert.Equal(3, probe.ExpectMsg<Count>().Value);
    }

    [Fact]
    public void Scheduler_RepeatedTell_FiresOnVirtualTime_UntilCancelled()
    {
        using var kit = new DeterministicSystem();
        var probe = kit.CreateProbe();
        var timer = kit.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), probe, "tick");
        kit.Advance(TimeSpan.FromSeconds(5.5));
        Assert.Equal("tick", probe.ExpectMsg<string>());
        Assert.Equal("tick", probe.ExpectMsg<string>());
        Assert.Equal("tick", probe.ExpectMsg<string>());
        probe.ExpectNoMsg();
        timer.Cancel();
        kit.Advance(TimeSpan.FromSeconds(10));
        probe.ExpectNoMsg();
        Assert.Equal(TimeSpan.FromSeconds(15.5), kit.Scheduler.Now);
    }

    [Fact]
    public void DeterministicDispatcher_SameSeed_SameInterleaving_OtherSeedsDiffer()
    {
        static string Trace(int seed)
        {
            using var kit = new DeterministicSystem(seed);
            var log = new List<string>();
            var actors = Enumerable.Range(0, 4).Select(i => kit.System.ActorOf(Props.Create(() => new Logger(i, log)), $"a{i}")).ToList();
            for (var round = 0; round < 5; round++)
            {
                foreach (var actor in actors) actor.Tell(round);
            }
            kit.Run();
            return string.Join(",", log);
        }
        Assert.Equal(Trace(1), Trace(1));
        Assert.Contains(Enumerable.Range(2, 5), seed => Trace(seed) != Trace(1));
    }

    private sealed class Logger : ActorBase
    {
        public Logger(int id, List<string> log) => Receive<int>(round => log.Add($"{id}:{round}"));
    }

    [Fact]
    public async Task ThreadPool_ManyMessages_ProcessedOneAtATime()
    {
        using var system = new ActorSystem("pool");
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(Props.Create(() => new Exclusive(reply)), "exclusive");
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 5000; i++) actor.Tell(1);
        })).ToArray();
        await Task.WhenAll(senders);
        actor.Tell("done");
        var result = await reply.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(20_000, result);
    }

    private sealed class Exclusive : ActorBase
    {
        private int inside;
        private int total;

        public Exclusive(TaskCompletionSource<int> reply)
        {
            Receive<int>(n =>
            {
                if (Interlocked.Increment(ref inside) != 1) throw new InvalidOperationException("ran concurrently");
                total += n;
                Interlocked.Decrement(ref inside);
            });
            Receive<string>(_ => reply.TrySetResult(total));
        }
    }
}

public sealed class SystemSchedulerTests
{
    /// <summary>Schedules in a frame of its own and drops the cancelable, so nothing on the test's stack keeps the timer alive.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void ScheduleAndForget(SystemScheduler scheduler, IActorRef target) =>
        scheduler.ScheduleTellRepeatedly(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), target, "tick");

    [Fact]
    public void RepeatingTimer_WhoseCancelableIsDropped_KeepsFiringAfterGarbageCollection()
    {
        var scheduler = new SystemScheduler();
        var ticks = new System.Collections.Concurrent.BlockingCollection<object>();
        ScheduleAndForget(scheduler, new TickSink(ticks));
        Assert.True(ticks.TryTake(out _, TimeSpan.FromSeconds(5)), "no tick before collection");
        for (var i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        while (ticks.TryTake(out _)) { }
        Assert.True(ticks.TryTake(out _, TimeSpan.FromSeconds(5)), "the timer stopped after a garbage collection");
        Assert.Equal(1, scheduler.LiveTimers);
    }

    [Fact]
    public void OneShotTimer_IsReleasedAfterFiring_AndCancelStopsRepeating()
    {
        var scheduler = new SystemScheduler();
        var ticks = new System.Collections.Concurrent.BlockingCollection<object>();
        var sink = new TickSink(ticks);
        scheduler.ScheduleTellOnce(TimeSpan.Zero, sink, "once");
        Assert.True(ticks.TryTake(out _, TimeSpan.FromSeconds(5)));
        var repeating = scheduler.ScheduleTellRepeatedly(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5), sink, "tick");
        repeating.Cancel();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (scheduler.LiveTimers != 0 && DateTime.UtcNow < deadline) Thread.Yield();
        Assert.Equal(0, scheduler.LiveTimers);
    }

    private sealed class TickSink(System.Collections.Concurrent.BlockingCollection<object> ticks) : IActorRef
    {
        public string Path => "/ticks";

        public void Tell(object message, IActorRef? sender = null) => ticks.Add(message);
    }
}
