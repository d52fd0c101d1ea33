using Akka.Actor;
using Akka.Event;
using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Simulation.Determinism;

using Config = Akka.Configuration.Config;

/// <summary>
/// A real Akka <see cref="ActorSystem"/> that runs bit-reproducibly on the calling thread: every
/// dispatcher is one seeded <see cref="DeterministicPump"/>, the scheduler is a
/// <see cref="VirtualScheduler"/>, and nothing runs unless the driver runs it. Drive it from one
/// thread.
/// </summary>
/// <remarks>
/// What it cannot pin, and actors must avoid: supervisor strategies with a
/// <c>withinTimeRange</c> (Akka counts the window on its static wall clock); asks with a timeout,
/// <c>CircuitBreaker</c> and bounded mailboxes with a push timeout (wall clock); anything awaiting
/// the thread pool or real time (<c>Task.Delay</c>, <c>PipeTo</c> of a task that completes
/// elsewhere; see <see cref="DeterministicPump.ForeignThreadEnqueues"/>); a dispatcher id of the
/// caller's own that is not an alias of <c>akka.actor.default-dispatcher</c> (its actors run on
/// threads); iterating <c>Context.GetChildren()</c> into one receiver (hash order); and actor
/// UIDs, which are random: trace paths, never <c>IActorRef.ToString()</c>.
/// </remarks>
public sealed class DeterministicActorSystem : IDisposable
{
    /// <summary>How long <see cref="Dispose"/> waits for Akka's termination callbacks, which it runs on the thread pool after the last actor stopped.</summary>
    private static readonly TimeSpan CallbackGrace = TimeSpan.FromSeconds(10);

    private readonly EventSink events;
    private readonly List<LogLine> lines = [];
    private bool disposed;

    private DeterministicActorSystem(ExtendedActorSystem system)
    {
        System = system;
        Pump = system.Dispatchers.DefaultGlobalDispatcher is DeterministicDispatcher dispatcher
            ? dispatcher.Pump
            : throw new InvalidOperationException($"the default dispatcher is {system.Dispatchers.DefaultGlobalDispatcher.GetType().Name}, not the deterministic one");
        Scheduler = (VirtualScheduler)system.Scheduler;
        // The same non-actor sink as every real-time wiring: log events and dead letters arrive on the
        // publishing thread (the pump's), so their order follows the run.
        events = EventSink.Of(system);
        events.OnEvent = e =>
        {
            lock (lines) lines.Add(new LogLine(Scheduler.Now, e.Level, e.Source, e.Text, e.Exception));
        };
    }

    public ExtendedActorSystem System { get; }

    public DeterministicPump Pump { get; }

    public VirtualScheduler Scheduler { get; }

    /// <summary>Virtual time since the system started.</summary>
    public TimeSpan Now => Scheduler.Now;

    /// <summary>Dead letters (every kind of <see cref="AllDeadLetters"/>) published since the system was created.</summary>
    public int DeadLetters => (int)events.DeadLetters;

    /// <summary>Everything logged at the configured level (<c>akka.loglevel</c>, default INFO) and above once the system was created, oldest first (a copy).</summary>
    public IReadOnlyList<LogLine> LogLines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    /// <summary>
    /// Creates and starts a system without blocking, and runs its startup until idle.
    /// <paramref name="extra"/> may set any key except those determinism depends on (dispatchers,
    /// scheduler, loggers, dead-letter logging, coordinated shutdown), which always win. Useful ones:
    /// <c>akka.loglevel</c>, <c>akka.actor.default-dispatcher.throughput</c> (default 1),
    /// <c>akka.actor.guardian-supervisor-strategy</c> (e.g. <c>"Akka.Actor.StoppingSupervisorStrategy"</c>).
    /// </summary>
    public static DeterministicActorSystem Create(string name, int seed, Config? extra = null)
    {
        var system = new DeterministicActorSystem((ExtendedActorSystem)ActorSystem.Create(name, DeterministicConfig.Build(seed, extra)));
        system.RunUntilIdle();
        return system;
    }

    /// <summary>Runs queued work until there is none, without moving virtual time.</summary>
    public long RunUntilIdle(long maxSteps = DeterministicPump.DefaultMaxSteps) => Pump.RunUntilIdle(maxSteps);

    /// <summary>
    /// Moves virtual time to <paramref name="target"/> one due timer at a time, running the pump
    /// until idle before the first and after each, so that what a timer causes happens before the
    /// next timer fires.
    /// </summary>
    public void AdvanceTo(TimeSpan target, long maxStepsPerInstant = DeterministicPump.DefaultMaxSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(target, Now);
        RunUntilIdle(maxStepsPerInstant);
        while (Scheduler.NextDue is { } due && due <= target)
        {
            Scheduler.AdvanceTo(due);
            RunUntilIdle(maxStepsPerInstant);
        }
        Scheduler.AdvanceTo(target);
    }

    /// <summary><see cref="AdvanceTo"/> <see cref="Now"/> + <paramref name="duration"/>.</summary>
    public void RunFor(TimeSpan duration, long maxStepsPerInstant = DeterministicPump.DefaultMaxSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        AdvanceTo(Now + duration, maxStepsPerInstant);
    }

    /// <summary>
    /// Sends <paramref name="message"/> to <paramref name="target"/> from a temporary receiver and
    /// runs the pump until the first reply arrives (not until idle; virtual time does not move).
    /// </summary>
    /// <exception cref="InvalidOperationException">The pump went idle without a reply, the reply is a
    /// <see cref="Status.Failure"/> (its cause is the inner exception), or it is not a <typeparamref name="T"/>.</exception>
    public T Ask<T>(IActorRef target, object message, long maxSteps = DeterministicPump.DefaultMaxSteps)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        var provider = System.Provider;
        var path = provider.TempPath();
        var receiver = new ReplyReceiver(provider, path);
        provider.RegisterTempActor(receiver, path);
        try
        {
            target.Tell(message, receiver);
            if (!Pump.RunUntil(() => receiver.HasReply, maxSteps))
            {
                throw new InvalidOperationException($"no reply from {target.Path} to {message.GetType().Name}: the pump went idle at virtual time {Now}");
            }
        }
        finally
        {
            provider.UnregisterTempActor(path);
        }
        return receiver.Reply switch
        {
            T reply => reply,
            Status.Failure failure => throw new InvalidOperationException($"{target.Path} answered {message.GetType().Name} with a failure", failure.Cause),
            var other => throw new InvalidOperationException($"{target.Path} answered {message.GetType().Name} with {other?.GetType().Name ?? "null"}, expected {typeof(T).Name}"),
        };
    }

    /// <summary>
    /// Terminates the system by running the pump until the root guardian has stopped, then waits
    /// (at most 10 s of wall clock) for Akka's termination callbacks, which it runs on the thread pool.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pump went idle, or ran out of steps, before the system terminated.</exception>
    /// <exception cref="TimeoutException">The termination callbacks did not finish in time.</exception>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        System.Terminate();
        var stopped = System.Provider.TerminationTask;
        if (!Pump.RunUntil(() => stopped.IsCompleted))
        {
            throw new InvalidOperationException($"system {System.Name} did not terminate: the pump went idle with {Scheduler.Pending} timers pending at virtual time {Now}");
        }
        if (!System.WhenTerminated.Wait(CallbackGrace))
        {
            throw new TimeoutException($"system {System.Name}: the termination callbacks did not finish within {CallbackGrace}");
        }
    }
}
