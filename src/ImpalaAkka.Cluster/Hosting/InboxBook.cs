namespace ImpalaAkka.Cluster.Hosting;

/// <summary>
/// The learner's inbox merges the outboxes of every rollout node into the one queue the learner
/// consumes from. Each outbox numbers its deliveries with its own tags; the inbox gives each
/// (outbox, tag) one tag of its own, the same for a redelivery, and maps the learner's "used" and
/// "ack" back to the outboxes that hold the unrolls. Pure state: the actor sends what it returns.
/// </summary>
public sealed class InboxBook<TOutbox> where TOutbox : notnull
{
    private readonly Dictionary<(TOutbox Outbox, long Tag), long> inboxTags = [];
    private readonly Dictionary<long, (TOutbox Outbox, long Tag)> outboxTags = [];
    private long nextTag = 1;

    /// <summary>The inbox tag of <paramref name="outbox"/>'s delivery <paramref name="tag"/> (a redelivery keeps its tag).</summary>
    public long Arrived(TOutbox outbox, long tag)
    {
        if (inboxTags.TryGetValue((outbox, tag), out var known)) return known;
        var mine = nextTag++;
        inboxTags[(outbox, tag)] = mine;
        outboxTags[mine] = (outbox, tag);
        return mine;
    }

    /// <summary>
    /// The outbox tags behind <paramref name="tags"/>, grouped by outbox; with <paramref name="forget"/>
    /// (an acknowledgement) the mappings go. Tags of an outbox that is gone, or unknown, are skipped.
    /// </summary>
    public IReadOnlyList<(TOutbox Outbox, long[] Tags)> Route(IEnumerable<long> tags, bool forget)
    {
        var routed = new List<(TOutbox Outbox, List<long> Tags)>();
        foreach (var tag in tags)
        {
            if (!outboxTags.TryGetValue(tag, out var source)) continue;
            if (forget)
            {
                outboxTags.Remove(tag);
                inboxTags.Remove(source);
            }
            var group = routed.FindIndex(g => EqualityComparer<TOutbox>.Default.Equals(g.Outbox, source.Outbox));
            if (group < 0) routed.Add((source.Outbox, [source.Tag]));
            else routed[group].Tags.Add(source.Tag);
        }
        return [.. routed.Select(g => (g.Outbox, g.Tags.ToArray()))];
    }

    /// <summary>Forgets everything of <paramref name="outbox"/> (its node is gone; what it held comes back only if it does).</summary>
    public void OutboxGone(TOutbox outbox)
    {
        foreach (var key in inboxTags.Keys.Where(k => EqualityComparer<TOutbox>.Default.Equals(k.Outbox, outbox)).ToList())
        {
            outboxTags.Remove(inboxTags[key]);
            inboxTags.Remove(key);
        }
    }
}
