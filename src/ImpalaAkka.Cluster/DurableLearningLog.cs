using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster;

/// <summary>
/// learned.log on the learner node: one line per producer id whose learning is durable (in a
/// checkpoint), written when it becomes durable, so a line is never written for learning a crash
/// undid. With confirmed.log on the rollout nodes it lets anyone check exactly-once learning.
/// </summary>
internal sealed class DurableLearningLog(string path) : IRunObserver, IDisposable
{
    private readonly List<(long Step, ProducerId Id)> pending = [];
    private readonly StreamWriter writer = new(path, append: true) { AutoFlush = true };
    private readonly object gate = new();

    public void Learned(long step, long versionAtUse, IReadOnlyList<Unroll> fresh)
    {
        lock (gate) pending.AddRange(fresh.Select(u => (step, u.Producer)));
    }

    public void Durable(long step)
    {
        lock (gate)
        {
            foreach (var (_, id) in pending.Where(p => p.Step <= step)) writer.WriteLine(id.ToString());
            pending.RemoveAll(p => p.Step <= step);
        }
    }

    public void Dispose()
    {
        lock (gate) writer.Dispose();
    }
}
