using System.Collections.Concurrent;

namespace ImpalaAkka.Actors.TestKit;

/// <summary>
/// An actor reference that records what it receives, for assertions. With a
/// <see cref="DeterministicDispatcher"/> the expectations first run the dispatcher until idle, so
/// no real waiting happens; with the thread pool they wait up to the timeout.
/// </summary>
public sealed class TestProbe(string name = "probe", DeterministicDispatcher? dispatcher = null) : IActorRef
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);
    private readonly BlockingCollection<(object Message, IActorRef Sender)> received = new();

    public string Path { get; } = "/probe/" + name;

    /// <summary>The sender of the last message taken by an expectation.</summary>
    public IActorRef LastSender { get; private set; } = Nobody.Instance;

    public void Tell(object message, IActorRef? sender = null) => received.Add((message, sender ?? Nobody.Instance));

    /// <summary>The next message, which must be a <typeparamref name="T"/> (and satisfy <paramref name="predicate"/>).</summary>
    public T ExpectMsg<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var message = Next(timeout ?? DefaultTimeout) ?? throw new TestKitException($"{Path}: expected {typeof(T).Name}, got nothing within {timeout ?? DefaultTimeout}");
        if (message is not T typed)
        {
            throw new TestKitException($"{Path}: expected {typeof(T).Name}, got {message.GetType().Name}: {message}");
        }
        if (predicate is not null && !predicate(typed))
        {
            throw new TestKitException($"{Path}: got {typed}, which does not satisfy the expectation");
        }
        return typed;
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> satisfying <paramref name="predicate"/>.</summary>
    public T FishForMessage<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var message = Next(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero)
                ?? throw new TestKitException($"{Path}: no matching {typeof(T).Name} within {limit}");
            if (message is T typed && predicate(typed))
            {
                return typed;
            }
        }
    }

    /// <summary>Asserts that nothing arrives within <paramref name="duration"/> (with a deterministic dispatcher: nothing once idle).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var message = Next(dispatcher is null ? duration ?? TimeSpan.FromMilliseconds(100) : TimeSpan.Zero);
        if (message is not null)
        {
            throw new TestKitException($"{Path}: expected no message, got {message.GetType().Name}: {message}");
        }
    }

    /// <summary>Replies to the sender of the last expected message.</summary>
    public void Reply(object message) => LastSender.Tell(message, this);

    private object? Next(TimeSpan timeout)
    {
        if (dispatcher is not null)
        {
            dispatcher.RunUntilIdle();
            timeout = TimeSpan.Zero;
        }
        if (!received.TryTake(out var item, timeout))
        {
            return null;
        }
        LastSender = item.Sender;
        return item.Message;
    }
}
