namespace ImpalaAkka.Environments;

/// <summary>What an environment looks like to an agent: float32 observations of <see cref="ObservationShape"/> and <see cref="ActionCount"/> discrete actions.</summary>
public sealed record EnvironmentSpec(string Name, int[] ObservationShape, int ActionCount)
{
    public int ObservationSize => ObservationShape.Aggregate(1, (a, b) => a * b);
}
