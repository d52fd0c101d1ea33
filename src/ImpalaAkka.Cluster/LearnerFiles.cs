using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster;

/// <summary>
/// The learner's account of unrolls in its shared folder, appended by whichever node is the active
/// learner: accepted.log (every delivery the learner took, redeliveries included), learned.log (one
/// line per producer id once a checkpoint holds the step that used it, so a crash never leaves a
/// line for learning it undid) and dropped.log ("id reason") and held-at-stop.log (what a cleanly stopped learner held unused: still in the outboxes). With the rollout nodes' confirmed.log
/// they let anyone check that nothing accepted was lost or learned twice.
/// </summary>
public sealed class LearnerFiles : IRunObserver, IDisposable
{
    private readonly List<(long Step, ProducerId Id)> pending = [];
    private readonly AppendLog learned;
    private readonly AppendLog accepted;
    private readonly AppendLog dropped;
    private readonly object gate = new();

    private readonly string directory;

    public LearnerFiles(string directory)
    {
        this.directory = directory;
        learned = Open(Path.Combine(directory, "learned.log"));
        accepted = Open(Path.Combine(directory, "accepted.log"));
        dropped = Open(Path.Combine(directory, "dropped.log"));
    }

    public void OnAccepted(Unroll unroll)
    {
        lock (gate) accepted.WriteLine(unroll.Producer.ToString());
    }

    public void Dropped(ProducerId producer, string reason)
    {
        lock (gate) dropped.WriteLine($"{producer} {reason}");
    }

    public void Learned(long step, long versionAtUse, IReadOnlyList<Unroll> fresh)
    {
        lock (gate) pending.AddRange(fresh.Select(u => (step, u.Producer)));
    }

    public void Durable(long step)
    {
        lock (gate)
        {
            // Steps only grow, so what is due is a prefix; what was written leaves it even when a write fails (a retry must not repeat it).
            var written = 0;
            try
            {
                foreach (var (_, id) in pending.TakeWhile(p => p.Step <= step))
                {
                    learned.WriteLine(id.ToString());
                    written++;
                }
            }
            finally
            {
                pending.RemoveRange(0, written);
            }
        }
    }

    public void HeldAtStop(IReadOnlyList<ProducerId> held)
    {
        lock (gate)
        {
            using var writer = Open(Path.Combine(directory, "held-at-stop.log"));
            foreach (var id in held) writer.WriteLine(id.ToString());
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            learned.Dispose();
            accepted.Dispose();
            dropped.Dispose();
        }
    }

    // Both learner nodes open the logs at start; each line goes to the file's end at the time it is written (AppendLog).
    private static AppendLog Open(string path) => new(path);
}
