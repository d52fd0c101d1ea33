namespace ImpalaAkka.Environments;

/// <summary>
/// A single-agent episodic environment. Observations are written into the caller's buffer (of
/// <see cref="EnvironmentSpec.ObservationSize"/> floats), so stepping allocates nothing.
/// After a step that is <see cref="StepResult.Done"/>, the caller must <see cref="Reset"/>.
/// </summary>
public interface IEnvironment
{
    EnvironmentSpec Spec { get; }

    /// <summary>Starts an episode; the same seed gives the same episode for the same actions.</summary>
    void Reset(int seed, Span<float> observation);

    StepResult Step(int action, Span<float> observation);
}
