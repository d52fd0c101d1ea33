using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Protocol;

/// <summary>
/// What a rollout actor does on its continue tick (<see cref="RolloutFlow.Continue"/>). <c>Act</c>:
/// run one round now, after loading <c>Load</c> into the policy when it is not null (parameters
/// delivered since the last round); the round's unrolls then go to <see cref="RolloutFlow.RoundFinished"/>.
/// </summary>
internal sealed record ContinueDecision(bool Act, PolicyParameters? Load)
{
    /// <summary>Do nothing: a finished round, a delivery or a credit will schedule the next tick.</summary>
    public static readonly ContinueDecision Wait = new(false, null);
}
