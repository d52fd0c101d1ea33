namespace ImpalaAkka.Actors.TestKit;

/// <summary>An actor system on a seeded deterministic dispatcher and virtual time, with probes bound to it.</summary>
public sealed class DeterministicSystem : IDisposable
{
    public DeterministicSystem(int seed = 0, SupervisorStrategy? guardianStrategy = null)
    {
        Dispatcher = new DeterministicDispatcher(seed);
        Scheduler = new VirtualTimeScheduler();
        var options = new ActorSystemOptions { Dispatcher = Dispatcher, Scheduler = Scheduler };
        System = new ActorSystem("test", guardianStrategy is null ? options : options with { GuardianStrategy = guardianStrategy });
    }

    public ActorSystem System { get; }

    public DeterministicDispatcher Dispatcher { get; }

    public VirtualTimeScheduler Scheduler { get; }

    public TestProbe CreateProbe(string name = "probe") => new(name, Dispatcher);

    /// <summary>Runs every ready actor until idle.</summary>
    public long Run() => Dispatcher.RunUntilIdle();

    /// <summary>Advances virtual time by <paramref name="by"/> in steps of due timers, running actors until idle after each.</summary>
    public void Advance(TimeSpan by)
    {
        var target = Scheduler.Now + by;
        Run();
        while (Scheduler.NextDue is { } due && due <= target)
        {
            Scheduler.AdvanceTo(due);
            Run();
        }
        Scheduler.AdvanceTo(target);
        Run();
    }

    public void Dispose()
    {
        System.Terminate();
        Run();
    }
}
