using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Roles;

namespace ImpalaAkka.Impala.Topology;

/// <summary>
/// A rollout node's place in the graph: its name (the node part of producer ids), the seed its actors
/// derive theirs from, the incarnation counter of its actors, and optionally a replacement for
/// environment creation (tests inject faults this way) and a callback for an actor stopped for good.
/// </summary>
public sealed record RolloutRole(string Node, int Seed, Incarnations Incarnations)
{
    public Func<int, IEnvironment>? CreateEnvironment { get; init; }

    public Action<string>? OnActorStopped { get; init; }

    /// <summary>Called once, when the node's last rollout actor has stopped for good.</summary>
    public Action? OnAllActorsStopped { get; init; }

    public IRunObserver Observer { get; init; } = NoObserver.Instance;
}
