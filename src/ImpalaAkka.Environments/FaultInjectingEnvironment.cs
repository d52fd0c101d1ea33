namespace ImpalaAkka.Environments;

/// <summary>Wraps an environment and throws <see cref="InjectedEnvironmentFault"/> on every <c>everySteps</c>-th step (counted over its lifetime), to exercise supervision.</summary>
public sealed class FaultInjectingEnvironment(IEnvironment inner, int everySteps) : IEnvironment
{
    private long steps;

    public EnvironmentSpec Spec => inner.Spec;

    public void Reset(int seed, Span<float> observation) => inner.Reset(seed, observation);

    public StepResult Step(int action, Span<float> observation)
    {
        if (everySteps > 0 && ++steps % everySteps == 0)
        {
            throw new InjectedEnvironmentFault($"injected fault at step {steps} of {inner.Spec.Name}");
        }
        return inner.Step(action, observation);
    }
}

/// <summary>The failure a <see cref="FaultInjectingEnvironment"/> raises.</summary>
public sealed class InjectedEnvironmentFault(string message) : Exception(message);
