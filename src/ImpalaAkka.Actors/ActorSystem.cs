namespace ImpalaAkka.Actors;

/// <summary>
/// A tree of actors under one guardian (<c>/user</c>), with its dispatcher, scheduler, dead letters
/// and an event stream of failures, restarts and warnings.
/// </summary>
public sealed class ActorSystem : IDisposable
{
    private readonly ActorCell guardian;
    private readonly TaskCompletionSource terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long deadLetters;
    private long restarts;

    public ActorSystem(string name, ActorSystemOptions? options = null)
    {
        Name = name;
        var o = options ?? new ActorSystemOptions();
        Dispatcher = o.Dispatcher;
        Scheduler = o.Scheduler;
        guardian = new ActorCell(this, null, Props.Create(() => new Guardian(o.GuardianStrategy)), "/user");
        guardian.SendSystem(new Create());
    }

    public string Name { get; }

    public IDispatcher Dispatcher { get; }

    public IScheduler Scheduler { get; }

    /// <summary>Messages that reached no live actor so far.</summary>
    public long DeadLetters => Interlocked.Read(ref deadLetters);

    /// <summary>Restarts ordered by supervisors so far (across all actors).</summary>
    public long Restarts => Interlocked.Read(ref restarts);

    /// <summary>Failures, restarts, dead letters and warnings, as they happen (called on the reporting actor's thread).</summary>
    public event Action<ActorEvent>? Events;

    /// <summary>Completes when the guardian has stopped (after <see cref="Terminate"/>).</summary>
    public Task WhenTerminated => terminated.Task;

    /// <summary>Creates a top-level actor <c>/user/{name}</c>.</summary>
    public IActorRef ActorOf(Props props, string name) => guardian.Spawn(props, name);

    public void Stop(IActorRef actor) => guardian.Stop(actor);

    /// <summary>Stops every actor (children first signalled, then the guardian).</summary>
    public void Terminate() => guardian.SendSystem(new StopActor());

    public void Publish(ActorEvent e) => Events?.Invoke(e);

    internal void DeadLetter(DeadLetter letter)
    {
        Interlocked.Increment(ref deadLetters);
        Publish(new ActorEvent(ActorEventLevel.Debug, letter.Recipient.Path, $"dead letter {letter.Message.GetType().Name} from {letter.Sender.Path}"));
    }

    internal void RecordRestart() => Interlocked.Increment(ref restarts);

    internal void OnTerminated(ActorCell cell)
    {
        if (ReferenceEquals(cell, guardian))
        {
            terminated.TrySetResult();
        }
    }

    public void Dispose() => Terminate();

    private sealed class Guardian(SupervisorStrategy strategy) : ActorBase
    {
        public override SupervisorStrategy SupervisorStrategy() => strategy;
    }
}
