using System.Globalization;
using System.Text;
using ImpalaAkka.Cluster.Wire;

namespace ImpalaAkka.Cluster;

/// <summary>
/// The learner's view of cluster membership, fed by heartbeats: one row per node with its role,
/// last-seen time, frames/s, parameter version in use and restarts. A node is marked dead after
/// <c>dead-after</c> without a heartbeat and alive again at its next one. Thread-safe: the
/// heartbeat consumer writes, the console reads.
/// </summary>
public sealed class NodeTable(TimeSpan deadAfter)
{
    public sealed record Row(string Node, string Role, DateTimeOffset LastSeen, double FramesPerSecond, long Version, long Restarts, long Incarnation, bool Alive);

    private readonly Dictionary<string, Row> rows = [];
    private readonly object gate = new();

    /// <summary>Records a heartbeat; returns the membership change it makes (joined, alive again, restarted), or null.</summary>
    public string? Observe(Heartbeat heartbeat, DateTimeOffset now)
    {
        lock (gate)
        {
            rows.TryGetValue(heartbeat.Node, out var before);
            rows[heartbeat.Node] = new Row(heartbeat.Node, heartbeat.Role, now, heartbeat.FramesPerSecond, heartbeat.Version, heartbeat.Restarts, heartbeat.Incarnation, Alive: true);
            if (before is null) return $"{heartbeat.Node} joined ({heartbeat.Role}, incarnation {heartbeat.Incarnation})";
            if (!before.Alive) return $"{heartbeat.Node} alive (incarnation {heartbeat.Incarnation})";
            if (before.Incarnation != heartbeat.Incarnation) return $"{heartbeat.Node} restarted (incarnation {before.Incarnation} -> {heartbeat.Incarnation})";
            return null;
        }
    }

    /// <summary>Marks nodes silent for longer than dead-after as dead; returns one line per node newly marked.</summary>
    public IReadOnlyList<string> Sweep(DateTimeOffset now)
    {
        var changes = new List<string>();
        lock (gate)
        {
            foreach (var row in rows.Values.ToList())
            {
                if (!row.Alive || now - row.LastSeen <= deadAfter) continue;
                rows[row.Node] = row with { Alive = false };
                changes.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Node} dead (no heartbeat for {(now - row.LastSeen).TotalSeconds:F1} s)"));
            }
        }
        return changes;
    }

    public IReadOnlyList<Row> Rows()
    {
        lock (gate) return rows.Values.OrderBy(r => r.Role == "learner" ? 0 : 1).ThenBy(r => r.Node, StringComparer.Ordinal).ToList();
    }

    /// <summary>The table as console text.</summary>
    public string Format(DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine("  node            role     state  last seen   frames/s   version  restarts  incarnation");
        foreach (var r in Rows())
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Node,-15} {r.Role,-8} {(r.Alive ? "alive" : "DEAD"),-6} {(now - r.LastSeen).TotalSeconds,7:F1} s {r.FramesPerSecond,10:F0} {r.Version,9} {r.Restarts,9} {r.Incarnation,12}"));
        }
        return text.ToString().TrimEnd('\n');
    }
}
