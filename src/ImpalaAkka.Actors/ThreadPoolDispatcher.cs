namespace ImpalaAkka.Actors;

/// <summary>Runs actors on the .NET thread pool, up to <see cref="Throughput"/> messages per turn.</summary>
public sealed class ThreadPoolDispatcher(int throughput = 32) : IDispatcher
{
    public int Throughput { get; } = throughput > 0 ? throughput : throw new ArgumentOutOfRangeException(nameof(throughput));

    public void Schedule(IRunnable work) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.work.Run(state.budget), (work, budget: Throughput), preferLocal: false);
}
