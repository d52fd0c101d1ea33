namespace ImpalaAkka.Actors;

/// <summary>What an actor system runs on. The defaults are real time and the thread pool; tests swap in virtual time and a deterministic dispatcher.</summary>
public sealed record ActorSystemOptions
{
    public IDispatcher Dispatcher { get; init; } = new ThreadPoolDispatcher();

    public IScheduler Scheduler { get; init; } = new SystemScheduler();

    /// <summary>How the top-level guardian treats failing top-level actors: restart up to 10 times a minute, then stop them.</summary>
    public SupervisorStrategy GuardianStrategy { get; init; } = SupervisorStrategy.Default with { OnLimitExceeded = Directive.Stop };
}
