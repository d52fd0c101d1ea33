namespace ImpalaAkka.Actors;

public static class AskExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a one-shot reply address and completes with the first
    /// reply, or fails with <see cref="AskTimeoutException"/> after <paramref name="timeout"/>
    /// (measured by <paramref name="system"/>'s scheduler, so virtual time works).
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, ActorSystem system)
    {
        var reply = new ReplyRef($"{target.Path}/$ask");
        var timer = system.Scheduler.ScheduleTellOnce(timeout, reply, new AskTimedOut());
        target.Tell(message, reply);
        var result = await reply.Task.ConfigureAwait(false);
        timer.Cancel();
        return result switch
        {
            AskTimedOut => throw new AskTimeoutException($"no reply from {target.Path} to {message.GetType().Name} within {timeout}"),
            T typed => typed,
            _ => throw new InvalidCastException($"{target.Path} replied {result.GetType().Name} to {message.GetType().Name}, expected {typeof(T).Name}"),
        };
    }

    private sealed record AskTimedOut;

    private sealed class ReplyRef(string path) : IActorRef
    {
        private readonly TaskCompletionSource<object> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Path { get; } = path;

        public Task<object> Task => completion.Task;

        public void Tell(object message, IActorRef? sender = null) => completion.TrySetResult(message);
    }
}
