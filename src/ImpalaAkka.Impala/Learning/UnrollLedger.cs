using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// The producer ids whose fate (learned or dropped) is settled, kept compactly per producer stream
/// (node, actor, incarnation): a watermark below which every sequence number is in, plus the
/// sequence numbers above it. Producers number their unrolls 0, 1, 2, ..., so the exceptions stay
/// few and the ledger stays small however long a run lasts.
/// </summary>
public sealed class UnrollLedger
{
    public sealed record Stream(string Node, int Actor, int Incarnation, long Watermark, long[] Above);

    private readonly Dictionary<(string Node, int Actor, int Incarnation), (long Watermark, SortedSet<long> Above)> streams = [];

    public bool Contains(ProducerId id) =>
        streams.TryGetValue((id.Node, id.Actor, id.Incarnation), out var s) && (id.Sequence < s.Watermark || s.Above.Contains(id.Sequence));

    public void Add(ProducerId id)
    {
        var key = (id.Node, id.Actor, id.Incarnation);
        if (!streams.TryGetValue(key, out var s)) s = (0, new SortedSet<long>());
        if (id.Sequence >= s.Watermark) s.Above.Add(id.Sequence);
        var watermark = s.Watermark;
        while (s.Above.Remove(watermark)) watermark++;
        streams[key] = (watermark, s.Above);
    }

    public void AddRange(IEnumerable<ProducerId> ids)
    {
        foreach (var id in ids) Add(id);
    }

    /// <summary>The streams in a fixed order (node, actor, incarnation), for checkpoints.</summary>
    public IReadOnlyList<Stream> Streams() =>
        streams.OrderBy(p => p.Key.Node, StringComparer.Ordinal).ThenBy(p => p.Key.Actor).ThenBy(p => p.Key.Incarnation)
            .Select(p => new Stream(p.Key.Node, p.Key.Actor, p.Key.Incarnation, p.Value.Watermark, [.. p.Value.Above]))
            .ToList();

    public static UnrollLedger From(IEnumerable<Stream> saved)
    {
        var ledger = new UnrollLedger();
        foreach (var s in saved) ledger.streams[(s.Node, s.Actor, s.Incarnation)] = (s.Watermark, new SortedSet<long>(s.Above));
        return ledger;
    }

    /// <summary>A copy that later additions to this ledger do not change.</summary>
    public UnrollLedger Copy() => From(Streams());

    /// <summary>Ids held: settled sequence numbers over all streams.</summary>
    public long Count => streams.Values.Sum(s => s.Watermark + s.Above.Count);
}
