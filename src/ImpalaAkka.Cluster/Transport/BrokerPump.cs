using System.Threading.Channels;

namespace ImpalaAkka.Cluster.Transport;

/// <summary>
/// Runs broker calls one after another on a background task, never on an actor's turn: a client
/// call that blocks (broker flow control, a busy channel) then stalls only the pump, not the actor,
/// which keeps handling credit, timers and shutdown. Work queued after <see cref="Dispose"/> is dropped.
/// </summary>
internal sealed class BrokerPump : IDisposable
{
    private readonly Channel<Func<Task>> work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public BrokerPump() => loop = Task.Run(RunAsync);

    /// <summary>Queues <paramref name="call"/>; its own continuation reports the result.</summary>
    public void Enqueue(Func<Task> call) => work.Writer.TryWrite(call);

    private async Task RunAsync()
    {
        await foreach (var call in work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await call().ConfigureAwait(false);
            }
            catch
            {
                // Each call reports its own failure to its actor; the pump goes on.
            }
        }
    }

    public void Dispose() => work.Writer.TryComplete();
}
