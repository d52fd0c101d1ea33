namespace ImpalaAkka.Impala.Messages;

/// <summary>
/// T steps of one environment, time-major. <c>Observations</c> holds T+1 observations (the last is
/// the bootstrap one); step t took <c>Actions[t]</c> in <c>Observations[t]</c>, got <c>Rewards[t]</c>
/// and ended its episode when <c>Dones[t]</c> (then <c>Observations[t+1]</c> starts a new episode).
/// <c>BehaviourLogits</c> [T, A] are the acting policy's logits; <c>ParameterVersion</c> is the
/// version that acted. Episodes that ended inside the unroll are listed with their return and length.
/// <c>InitialState</c> is a recurrent agent's state before step 0 (empty for feed-forward agents).
/// </summary>
public sealed record Unroll(
    ProducerId Producer,
    long ParameterVersion,
    int Length,
    float[] Observations,
    int[] Actions,
    float[] Rewards,
    bool[] Dones,
    float[] BehaviourLogits,
    float[] EpisodeReturns,
    int[] EpisodeLengths,
    string Task = "")
{
    public float[] InitialState { get; init; } = [];
}
