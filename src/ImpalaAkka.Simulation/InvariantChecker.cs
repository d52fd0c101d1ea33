using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Simulation;

/// <summary>
/// Checks the system's invariants while a simulation runs, from what the roles report:
/// no unroll learned twice (in the learning history that survived crashes); every unroll the
/// broker accepted is finally learned, dropped with a reason or still queued (none lost);
/// published versions never decrease (a restarted learner re-publishes its restored version);
/// no actor acts with a version newer than published; measured lag never negative and, when the
/// lag injection bounds it, within the bound.
/// </summary>
public sealed class InvariantChecker(long? maxLag) : IRunObserver
{
    private readonly HashSet<ProducerId> accepted = [];
    private readonly Dictionary<ProducerId, long> learnedAtStep = [];
    private readonly Dictionary<ProducerId, string> dropped = [];
    private readonly List<string> violations = [];
    private long maxPublished = -1;
    private bool restoredSincePublish;
    private long durableStep;

    public IReadOnlyList<string> Violations => violations;

    public long AcceptedCount => accepted.Count;

    public long LearnedCount => learnedAtStep.Count;

    public IReadOnlyDictionary<string, long> DroppedByReason =>
        dropped.Values.GroupBy(r => r).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.Count());

    public long LagViolations { get; private set; }

    public void Accepted(ProducerId producer) => accepted.Add(producer);

    public void Dropped(ProducerId producer, string reason)
    {
        if (reason == "duplicate") return; // a copy of something learned or held: its fate is the original's
        dropped.TryAdd(producer, reason);
    }

    public void Learned(long step, long versionAtUse, IReadOnlyList<Unroll> fresh)
    {
        foreach (var unroll in fresh)
        {
            if (learnedAtStep.TryGetValue(unroll.Producer, out var earlier))
            {
                Violate($"unroll {unroll.Producer} learned twice: at step {earlier} and at step {step}");
            }
            learnedAtStep[unroll.Producer] = step;
            var lag = versionAtUse - unroll.ParameterVersion;
            if (lag < 0) Violate($"unroll {unroll.Producer} acted with version {unroll.ParameterVersion}, newer than the learner's {versionAtUse}");
            if (maxLag is { } bound && lag > bound)
            {
                LagViolations++;
                Violate($"unroll {unroll.Producer} has lag {lag}, above the injected bound {bound}");
            }
        }
    }

    public void Durable(long step) => durableStep = Math.Max(durableStep, step);

    /// <summary>
    /// A learner (re)started from step <paramref name="step"/>'s checkpoint, or fresh from step 0:
    /// learning after that step is gone (those unrolls will be learned again), and it publishes
    /// that step's version again (a fresh learner version 0, with the same seeded weights).
    /// </summary>
    public void Started(long step, bool restored)
    {
        foreach (var (id, at) in learnedAtStep.ToList())
        {
            if (at > step) learnedAtStep.Remove(id);
        }
        restoredSincePublish = true;
    }

    public void Published(long version)
    {
        if (version < maxPublished || (version == maxPublished && !restoredSincePublish))
        {
            Violate($"published version {version} after {maxPublished}");
        }
        maxPublished = Math.Max(maxPublished, version);
        restoredSincePublish = false;
    }

    public void Acted(string actor, long version)
    {
        if (version > maxPublished) Violate($"{actor} acted with version {version}, newer than the latest published {maxPublished}");
    }

    /// <summary>At the end: everything accepted is learned, dropped, or still stored in the queue.</summary>
    public long CheckNothingLost(IEnumerable<ProducerId> stillQueued)
    {
        var queued = stillQueued.ToHashSet();
        var lost = accepted.Where(id => !learnedAtStep.ContainsKey(id) && !dropped.ContainsKey(id) && !queued.Contains(id))
            .OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList();
        foreach (var id in lost.Take(10)) Violate($"unroll {id} was accepted by the broker but never learned, dropped or kept");
        return lost.Count;
    }

    private void Violate(string text)
    {
        if (violations.Count < 1000) violations.Add(text);
    }
}
