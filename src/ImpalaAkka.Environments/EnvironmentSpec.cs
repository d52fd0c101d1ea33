namespace ImpalaAkka.Environments;

/// <summary>
/// What an environment looks like to an agent: float32 observations of <see cref="ObservationShape"/>
/// and <see cref="ActionCount"/> discrete actions; <see cref="Returns"/> bounds an episode's return
/// (null where it is not known, as for test doubles).
/// </summary>
public sealed record EnvironmentSpec(string Name, int[] ObservationShape, int ActionCount, ReturnRange? Returns = null)
{
    public int ObservationSize => ObservationShape.Aggregate(1, (a, b) => a * b);
}
