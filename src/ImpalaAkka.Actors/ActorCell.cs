using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ImpalaAkka.Actors;

/// <summary>
/// The runtime side of one actor: its mailbox (a channel of user messages plus a queue of system
/// messages, which go first), its current instance, children, watchers and restart history.
/// Only the dispatcher thread currently running the cell touches its non-concurrent state.
/// </summary>
internal sealed class ActorCell : IActorRef, IActorContext, IRunnable
{
    private const int Idle = 0;
    private const int Scheduled = 1;

    private readonly Channel<Envelope> mailbox;
    private readonly ConcurrentQueue<SystemMessage> systemQueue = new();
    private readonly Props props;
    private readonly ActorCell? parent;
    // Insertion-ordered (not hash-ordered) so that stopping children and notifying watchers happen
    // in the same order in every process: the deterministic simulation depends on it.
    private readonly List<ActorCell> children = [];
    private readonly object childrenLock = new();
    private readonly List<IActorRef> watchers = [];
    private readonly Dictionary<string, List<TimeSpan>> restartTimes = new(StringComparer.Ordinal);
    private int status;
    private int queued;
    private const int Alive = 0;
    private const int Terminating = 1;
    private const int Dead = 2;
    private int lifecycle;
    private bool suspended;
    private ActorBase? actor;
    private IActorRef currentSender = Nobody.Instance;
    private object? currentMessage;

    public ActorCell(ActorSystem system, ActorCell? parent, Props props, string path)
    {
        System = system;
        this.parent = parent;
        this.props = props;
        Path = path;
        mailbox = props.MailboxCapacity is { } capacity
            ? Channel.CreateBounded<Envelope>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait })
            : Channel.CreateUnbounded<Envelope>(new UnboundedChannelOptions { SingleReader = true });
    }

    public string Path { get; }

    public ActorSystem System { get; }

    /// <summary>True from the moment the actor starts stopping: it takes no more messages.</summary>
    public bool IsTerminated => Volatile.Read(ref lifecycle) != Alive;

    // ---- IActorRef -------------------------------------------------------------------------

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Interlocked.Increment(ref queued);
        if (IsTerminated || !mailbox.Writer.TryWrite(new Envelope(message, sender ?? Nobody.Instance)))
        {
            Interlocked.Decrement(ref queued);
            System.DeadLetter(new DeadLetter(message, sender ?? Nobody.Instance, this));
            return;
        }
        ScheduleIfIdle();
    }

    internal void SendSystem(SystemMessage message)
    {
        systemQueue.Enqueue(message);
        ScheduleIfIdle();
    }

    private void ScheduleIfIdle()
    {
        if (Interlocked.CompareExchange(ref status, Scheduled, Idle) == Idle)
        {
            System.Dispatcher.Schedule(this);
        }
    }

    public override string ToString() => Path;

    // ---- IActorContext ----------------------------------------------------------------------

    public IActorRef Self => this;

    public IActorRef Sender => currentSender;

    public IActorRef Parent => (IActorRef?)parent ?? Nobody.Instance;

    public IScheduler Scheduler => System.Scheduler;

    public IReadOnlyCollection<IActorRef> Children
    {
        get
        {
            lock (childrenLock) return children.ToList<IActorRef>();
        }
    }

    private ActorCell[] ChildrenSnapshot()
    {
        lock (childrenLock) return [.. children];
    }

    public IActorRef ActorOf(Props childProps, string name) => Spawn(childProps, name);

    internal ActorCell Spawn(Props childProps, string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('/'))
        {
            throw new ArgumentException($"invalid actor name '{name}'", nameof(name));
        }
        var child = new ActorCell(System, this, childProps, Path.TrimEnd('/') + "/" + name);
        lock (childrenLock)
        {
            if (children.Any(c => c.Path == child.Path))
            {
                throw new InvalidOperationException($"an actor named '{name}' already exists under {Path}");
            }
            children.Add(child);
        }
        child.SendSystem(new Create());
        return child;
    }

    public void Stop(IActorRef target)
    {
        if (target is ActorCell cell)
        {
            cell.SendSystem(new StopActor());
        }
    }

    public void Watch(IActorRef target)
    {
        if (target is ActorCell cell && !ReferenceEquals(cell, this))
        {
            cell.SendSystem(new AddWatcher(this));
        }
    }

    public void Unwatch(IActorRef target)
    {
        if (target is ActorCell cell)
        {
            cell.SendSystem(new RemoveWatcher(this));
        }
    }

    // ---- processing --------------------------------------------------------------------------

    public void Run(int budget)
    {
        try
        {
            while (systemQueue.TryDequeue(out var system))
            {
                HandleSystem(system);
            }
            var processed = 0;
            while (processed < budget && !suspended && !IsTerminated && systemQueue.IsEmpty && mailbox.Reader.TryRead(out var envelope))
            {
                Interlocked.Decrement(ref queued);
                processed++;
                Invoke(envelope);
            }
        }
        finally
        {
            Volatile.Write(ref status, Idle);
            var pending = !systemQueue.IsEmpty || (!suspended && !IsTerminated && Volatile.Read(ref queued) > 0);
            if (pending)
            {
                ScheduleIfIdle();
            }
        }
    }

    private void Invoke(Envelope envelope)
    {
        if (envelope.Message is PoisonPill)
        {
            Terminate();
            return;
        }
        currentSender = envelope.Sender;
        currentMessage = envelope.Message;
        try
        {
            actor!.Dispatch(envelope.Message);
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            currentSender = Nobody.Instance;
        }
    }

    /// <summary>Suspends this actor and asks its supervisor what to do.</summary>
    private void Fail(Exception exception)
    {
        suspended = true;
        System.Publish(new ActorEvent(ActorEventLevel.Error, Path, $"failed: {exception.GetType().Name}: {exception.Message}", exception));
        if (parent is null)
        {
            Terminate();
            return;
        }
        parent.SendSystem(new ChildFailed(this, exception, currentMessage));
    }

    private void HandleSystem(SystemMessage message)
    {
        switch (message)
        {
            case Create:
                RunHook(() =>
                {
                    actor = NewInstance();
                    actor.RunPreStart();
                });
                break;
            case StopActor:
                Terminate();
                break;
            case ResumeActor:
                suspended = false;
                break;
            case RestartActor restart:
                Restart(restart.Reason);
                break;
            case AddWatcher add:
                if (Volatile.Read(ref lifecycle) == Dead) add.Watcher.Tell(new Terminated(this));
                else if (!watchers.Contains(add.Watcher)) watchers.Add(add.Watcher);
                break;
            case RemoveWatcher remove:
                watchers.Remove(remove.Watcher);
                break;
            case ChildFailed failed:
                Supervise(failed);
                break;
            case ChildStopped stopped:
                bool none;
                lock (childrenLock)
                {
                    children.Remove(stopped.Child);
                    none = children.Count == 0;
                }
                restartTimes.Remove(stopped.Child.Path);
                if (Volatile.Read(ref lifecycle) == Terminating && none) FinishTermination();
                break;
        }
    }

    private ActorBase NewInstance()
    {
        return ActorBase.Construct(props.Factory, this);
    }

    private void RunHook(Action hook)
    {
        try
        {
            hook();
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Restart(Exception reason)
    {
        if (IsTerminated)
        {
            return;
        }
        var old = actor;
        if (old is not null)
        {
            try
            {
                old.RunPreRestart(reason, currentMessage);
            }
            catch (Exception e)
            {
                System.Publish(new ActorEvent(ActorEventLevel.Warning, Path, $"PreRestart threw {e.GetType().Name}: {e.Message}", e));
            }
        }
        System.Publish(new ActorEvent(ActorEventLevel.Info, Path, $"restarted after {reason.GetType().Name}: {reason.Message}"));
        suspended = false;
        RunHook(() =>
        {
            actor = NewInstance();
            actor.RunPostRestart(reason);
        });
    }

    private void Supervise(ChildFailed failed)
    {
        var strategy = actor?.SupervisorStrategy() ?? SupervisorStrategy.Default;
        var directive = strategy.Decider(failed.Reason);
        var now = System.Scheduler.Clock.Now;
        if (directive == Directive.Restart)
        {
            var times = restartTimes.TryGetValue(failed.Child.Path, out var list) ? list : restartTimes[failed.Child.Path] = [];
            times.RemoveAll(t => now - t > strategy.Window);
            times.Add(now);
            if (times.Count > strategy.MaxRetries)
            {
                System.Publish(new ActorEvent(ActorEventLevel.Error, failed.Child.Path,
                    $"failed {times.Count} times within {strategy.Window}; {strategy.OnLimitExceeded}"));
                directive = strategy.OnLimitExceeded;
            }
            else
            {
                System.RecordRestart();
                var delay = strategy.Backoff(times.Count);
                if (delay > TimeSpan.Zero)
                {
                    System.Scheduler.ScheduleTellOnce(delay, new SystemMessageRelay(failed.Child), new RestartActor(failed.Reason));
                }
                else
                {
                    failed.Child.SendSystem(new RestartActor(failed.Reason));
                }
                return;
            }
        }
        switch (directive)
        {
            case Directive.Resume:
                failed.Child.SendSystem(new ResumeActor());
                break;
            case Directive.Stop:
                failed.Child.SendSystem(new StopActor());
                break;
            case Directive.Escalate:
                failed.Child.SendSystem(new StopActor());
                Fail(failed.Reason);
                break;
            case Directive.Restart:
                // Only reachable when OnLimitExceeded is Restart: restart without counting further.
                failed.Child.SendSystem(new RestartActor(failed.Reason));
                break;
        }
    }

    /// <summary>Stops taking messages, stops the children, and finishes once the last child has stopped.</summary>
    private void Terminate()
    {
        if (Interlocked.CompareExchange(ref lifecycle, Terminating, Alive) != Alive)
        {
            return;
        }
        var current = ChildrenSnapshot();
        if (current.Length == 0)
        {
            FinishTermination();
            return;
        }
        foreach (var child in current)
        {
            child.SendSystem(new StopActor());
        }
    }

    private void FinishTermination()
    {
        Volatile.Write(ref lifecycle, Dead);
        if (actor is not null)
        {
            try
            {
                actor.RunPostStop();
            }
            catch (Exception e)
            {
                System.Publish(new ActorEvent(ActorEventLevel.Warning, Path, $"PostStop threw {e.GetType().Name}: {e.Message}", e));
            }
        }
        while (mailbox.Reader.TryRead(out var left))
        {
            Interlocked.Decrement(ref queued);
            System.DeadLetter(new DeadLetter(left.Message, left.Sender, this));
        }
        foreach (var watcher in watchers)
        {
            watcher.Tell(new Terminated(this));
        }
        watchers.Clear();
        parent?.SendSystem(new ChildStopped(this));
        System.OnTerminated(this);
    }

    private readonly record struct Envelope(object Message, IActorRef Sender);

    /// <summary>Lets the scheduler deliver a system message (a delayed restart) through the ordinary Tell path.</summary>
    private sealed class SystemMessageRelay(ActorCell target) : IActorRef
    {
        public string Path => target.Path;

        public void Tell(object message, IActorRef? sender = null) => target.SendSystem((SystemMessage)message);
    }
}
