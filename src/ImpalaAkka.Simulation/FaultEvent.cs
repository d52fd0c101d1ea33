using System.Globalization;
using ImpalaAkka.Config;

namespace ImpalaAkka.Simulation;

/// <summary>
/// One scheduled fault at virtual time <c>At</c>: <c>crash NODE</c>, <c>restart NODE</c>,
/// <c>partition A B DURATION</c>, <c>drop-params NODE DURATION</c> or <c>loss RATE DURATION</c>.
/// Nodes are <c>learner</c> and <c>rollout-0</c> .. <c>rollout-(n-1)</c>; a partition may also name
/// <c>broker</c> (which never crashes).
/// </summary>
public sealed record FaultEvent(TimeSpan At, FaultKind Kind, string A, string B, TimeSpan Length, double Rate)
{
    /// <summary>The name of <paramref name="kind"/> in schedules, traces and reports.</summary>
    public static string NameOf(FaultKind kind) => kind switch
    {
        FaultKind.Crash => "crash",
        FaultKind.Restart => "restart",
        FaultKind.Partition => "partition",
        FaultKind.DropParams => "drop-params",
        _ => "loss",
    };

    public override string ToString() => Kind switch
    {
        FaultKind.Partition => $"{At.TotalSeconds:0.###}s partition {A} {B} {Length.TotalSeconds:0.###}s",
        FaultKind.DropParams => $"{At.TotalSeconds:0.###}s drop-params {A} {Length.TotalSeconds:0.###}s",
        FaultKind.Loss => $"{At.TotalSeconds:0.###}s loss {Rate.ToString(CultureInfo.InvariantCulture)} {Length.TotalSeconds:0.###}s",
        _ => $"{At.TotalSeconds:0.###}s {NameOf(Kind)} {A}",
    };

    /// <summary>Parses event <paramref name="index"/> of the configured list; <paramref name="error"/> builds the error naming the config key.</summary>
    public static FaultEvent Parse(string text, int index, int rolloutNodes, Func<string, ConfigException> error)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ConfigException Bad(string reason) => error($"event {index} \"{text}\": {reason}");
        if (parts.Length < 3) throw Bad("expected \"<time> <action> <arguments>\"");
        var at = Duration(parts[0], "time", Bad);
        string Node(string name, bool brokerAllowed = false) =>
            name == "learner" || (brokerAllowed && name == "broker") || (name.StartsWith("rollout-", StringComparison.Ordinal) && int.TryParse(name.AsSpan(8), out var i) && i >= 0 && i < rolloutNodes)
                ? name
                : throw Bad($"unknown node '{name}' (nodes: learner, rollout-0 .. rollout-{rolloutNodes - 1})");
        return parts[1] switch
        {
            "crash" or "restart" when parts.Length == 3 =>
                new FaultEvent(at, parts[1] == "crash" ? FaultKind.Crash : FaultKind.Restart, Node(parts[2]), "", TimeSpan.Zero, 0),
            "partition" when parts.Length == 5 && parts[2] != parts[3] =>
                new FaultEvent(at, FaultKind.Partition, Node(parts[2], brokerAllowed: true), Node(parts[3], brokerAllowed: true), Duration(parts[4], "duration", Bad), 0),
            "drop-params" when parts.Length == 4 => new FaultEvent(at, FaultKind.DropParams, Node(parts[2]), "", Duration(parts[3], "duration", Bad), 0),
            "loss" when parts.Length == 4 && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1 =>
                new FaultEvent(at, FaultKind.Loss, "", "", Duration(parts[3], "duration", Bad), rate),
            _ => throw Bad("expected one of: crash NODE | restart NODE | partition A B DURATION | drop-params NODE DURATION | loss RATE DURATION"),
        };
    }

    private static TimeSpan Duration(string text, string what, Func<string, ConfigException> bad)
    {
        try
        {
            return Config.Config.Parse($"d = \"{text}\"").GetDuration("d");
        }
        catch (ConfigException)
        {
            throw bad($"invalid {what} '{text}' (write e.g. 500ms, 12s)");
        }
    }
}
