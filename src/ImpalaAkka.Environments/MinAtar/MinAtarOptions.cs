namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// How a MinAtar game is offered to an agent. <see cref="StickyActionProbability"/>: the chance that a step
/// repeats the previous action instead of the chosen one (MinAtar's <c>sticky_action_prob</c>, default 0.1).
/// </summary>
public sealed record MinAtarOptions(MinAtarActions Actions = MinAtarActions.Full, double StickyActionProbability = 0.1)
{
    public static readonly MinAtarOptions Default = new();
}
