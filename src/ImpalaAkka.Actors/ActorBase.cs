namespace ImpalaAkka.Actors;

/// <summary>
/// Base class of actors. Declare state, then behaviours: methods that register one-line
/// <c>Receive&lt;T&gt;</c> handlers; the constructor registers the initial behaviour and
/// <see cref="Become"/> switches to another. Unhandled messages are logged and dropped.
/// </summary>
public abstract class ActorBase
{
    [ThreadStatic]
    private static IActorContext? constructing;

    private readonly List<(Type Type, Func<object, bool> Handle)> handlers = [];
    private readonly IActorContext? context;

    /// <summary>Actors are created only by the runtime (from <see cref="Props"/>), which makes the context available to the constructor.</summary>
    protected ActorBase() => context = constructing;

    /// <summary>The context; throws outside of message handling and lifecycle hooks.</summary>
    protected IActorContext Context => context ?? throw new InvalidOperationException("the actor context is only available inside the actor");

    protected IActorRef Self => Context.Self;

    protected IActorRef Sender => Context.Sender;

    /// <summary>Runs <paramref name="factory"/> with <paramref name="actorContext"/> visible to the actor's constructor.</summary>
    internal static ActorBase Construct(Func<ActorBase> factory, IActorContext actorContext)
    {
        var previous = constructing;
        constructing = actorContext;
        try
        {
            var instance = factory();
            return instance.context == actorContext
                ? instance
                : throw new InvalidOperationException("a Props factory must create a new actor instance each time");
        }
        finally
        {
            constructing = previous;
        }
    }

    /// <summary>Handles messages of type <typeparamref name="T"/> (and subtypes) in the current behaviour.</summary>
    protected void Receive<T>(Action<T> handler) => handlers.Add((typeof(T), m =>
    {
        handler((T)m);
        return true;
    }));

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="when"/> holds.</summary>
    protected void Receive<T>(Func<T, bool> when, Action<T> handler) => handlers.Add((typeof(T), m =>
    {
        if (!when((T)m)) return false;
        handler((T)m);
        return true;
    }));

    /// <summary>Replaces every handler by those <paramref name="behaviour"/> registers.</summary>
    protected void Become(Action behaviour)
    {
        handlers.Clear();
        behaviour();
    }

    /// <summary>The strategy this actor applies to its failing children.</summary>
    public virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.Default;

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Called on the failed instance before it is replaced; by default stops its children and calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children.ToList())
        {
            Context.Stop(child);
        }
        PostStop();
    }

    /// <summary>Called on the fresh instance after a restart; by default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>Called for messages no handler takes.</summary>
    protected virtual void Unhandled(object message) =>
        Context.System.Publish(new ActorEvent(ActorEventLevel.Warning, Self.Path, $"unhandled message {message.GetType().Name}"));

    internal void RunPreStart() => PreStart();

    internal void RunPostStop() => PostStop();

    internal void RunPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void RunPostRestart(Exception reason) => PostRestart(reason);

    internal void Dispatch(object message)
    {
        foreach (var (type, handle) in handlers)
        {
            if (type.IsInstanceOfType(message) && handle(message))
            {
                return;
            }
        }
        Unhandled(message);
    }
}
