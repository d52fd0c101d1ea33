using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Protocol;

/// <summary>
/// After a round (<see cref="RolloutFlow.RoundFinished"/>): publish <c>Send</c> to the queue in
/// order; <c>ScheduleContinue</c>: send the actor its continue tick.
/// </summary>
internal sealed record RoundOutcome(IReadOnlyList<Unroll> Send, bool ScheduleContinue);
