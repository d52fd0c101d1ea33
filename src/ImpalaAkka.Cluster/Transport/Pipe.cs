using Akka.Actor;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>Turns the end of a task into a message to an actor, so asynchronous broker calls never touch actor state off the actor's turn.</summary>
internal static class Pipe
{
    public static void PipeTo<T>(this Task<T> task, IActorRef target, Func<T, object> success, Func<Exception, object> failure) =>
        task.ContinueWith(t => target.Tell(t.IsCompletedSuccessfully ? success(t.Result) : failure(t.Exception?.GetBaseException() ?? new TaskCanceledException())),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    public static void PipeTo(this Task task, IActorRef target, object success, Func<Exception, object> failure) =>
        task.ContinueWith(t => target.Tell(t.IsCompletedSuccessfully ? success : failure(t.Exception?.GetBaseException() ?? new TaskCanceledException())),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
