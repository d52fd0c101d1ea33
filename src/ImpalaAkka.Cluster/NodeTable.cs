using System.Globalization;
using System.Text;

namespace ImpalaAkka.Cluster;

/// <summary>
/// A learner node's view of the cluster: one row per node with its role, address and membership
/// state (from Akka.Cluster's membership and reachability events), and the frames/s, parameter
/// version in use and actor restarts of rollout nodes (from their status reports). Each membership
/// change is returned as a line for the console and nodes.log. Thread-safe: the membership actor
/// and the learner write, the console reads.
/// </summary>
public sealed class NodeTable
{
    public sealed record Row(string Node, string Role, string Address, string State, DateTimeOffset Since, double FramesPerSecond, long Version, long Restarts, long Incarnation);

    private readonly Dictionary<string, Row> rows = [];
    private readonly HashSet<(string Node, long Uid)> retired = [];
    private readonly object gate = new();

    /// <summary>
    /// A membership event for the node named <paramref name="node"/>: state up, weakly-up, unreachable,
    /// reachable, leaving, exiting, down or removed. A node that comes up (or weakly up, while another
    /// node is unreachable) with a new <paramref name="uid"/> is reported as restarted; later news of
    /// an incarnation it replaced is ignored. Returns the change line, or null.
    /// </summary>
    public string? Membership(string node, string role, string address, long uid, string state, DateTimeOffset now)
    {
        lock (gate)
        {
            rows.TryGetValue(node, out var before);
            if (retired.Contains((node, uid))) return null;
            var isNew = before is not null && before.Incarnation != uid;
            // Only a new incarnation's joining states replace the row: news of an old one can come late.
            if (isNew && state is not ("up" or "weakly-up")) return null;
            if (isNew) retired.Add((node, before!.Incarnation));
            var row = (before ?? new Row(node, role, address, state, now, 0, -1, 0, uid)) with { Role = role, Address = address, State = state, Since = now, Incarnation = uid };
            rows[node] = row;
            if (before is null) return $"{node} {state} ({role}, {address})";
            if (isNew) return state == "up" ? $"{node} restarted ({role}, {address})" : $"{node} restarted ({role}, {address}) {state}";
            return before.State == state ? null : $"{node} {state}";
        }
    }

    /// <summary>A rollout node's status report.</summary>
    public void Report(string node, double framesPerSecond, long version, long restarts)
    {
        lock (gate)
        {
            if (rows.TryGetValue(node, out var row)) rows[node] = row with { FramesPerSecond = framesPerSecond, Version = version, Restarts = restarts };
        }
    }

    public IReadOnlyList<Row> Rows()
    {
        lock (gate) return [.. rows.Values.OrderBy(r => r.Role == "learner" ? 0 : 1).ThenBy(r => r.Node, StringComparer.Ordinal)];
    }

    /// <summary>The table as console text.</summary>
    public string Format(DateTimeOffset now)
    {
        var text = new StringBuilder();
        text.AppendLine("  node            role     address                state        since   frames/s   version  restarts");
        foreach (var r in Rows())
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.Node,-15} {r.Role,-8} {r.Address,-22} {r.State,-11} {(now - r.Since).TotalSeconds,6:F0} s {r.FramesPerSecond,10:F0} {r.Version,9} {r.Restarts,9}"));
        }
        return text.ToString().TrimEnd('\n');
    }
}
