using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Simulation.Trace;

/// <summary>Learner step <c>Step</c> at version <c>Version</c> used these fresh unrolls (producer and the version that acted).</summary>
public sealed record LearnerStepped(TimeSpan At, long Step, long Version, IReadOnlyList<(ProducerId Producer, long ActedVersion)> Unrolls) : TraceEvent(At)
{
    public override string Text => $"learner step {Step} at v{Version}: {string.Join(" ", Unrolls.Select(u => $"{u.Producer}@v{u.ActedVersion}"))}";

    /// <summary>The policy lag of each unroll: learner version at use - version that acted.</summary>
    public IEnumerable<(string Node, long Lag)> Lags => Unrolls.Select(u => (u.Producer.Node, Version - u.ActedVersion));
}
