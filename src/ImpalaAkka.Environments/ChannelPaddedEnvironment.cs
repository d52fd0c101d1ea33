namespace ImpalaAkka.Environments;

/// <summary>
/// Presents an environment of [c, H, W] observations as one of [C, H, W], C >= c: the inner game's
/// own c channels come first, channels c..C-1 are zeros. The inner environment writes straight into
/// the front of the caller's span, so a step allocates nothing. The name, actions and returns are the
/// inner environment's (unrolls keep naming their game).
/// </summary>
public sealed class ChannelPaddedEnvironment : IEnvironment
{
    private readonly IEnvironment inner;
    private readonly int innerSize;

    /// <exception cref="ArgumentException">The shapes differ in more than the (larger or equal) channel count.</exception>
    public ChannelPaddedEnvironment(IEnvironment inner, int channels)
    {
        var shape = inner.Spec.ObservationShape;
        if (shape.Length != 3 || channels < shape[0])
        {
            throw new ArgumentException($"{inner.Spec.Name}: cannot pad [{string.Join(", ", shape)}] to {channels} channels", nameof(channels));
        }
        this.inner = inner;
        innerSize = inner.Spec.ObservationSize;
        Spec = inner.Spec with { ObservationShape = [channels, shape[1], shape[2]] };
    }

    public EnvironmentSpec Spec { get; }

    public void Reset(int seed, Span<float> observation)
    {
        inner.Reset(seed, observation[..innerSize]);
        observation[innerSize..Spec.ObservationSize].Clear();
    }

    public StepResult Step(int action, Span<float> observation)
    {
        var result = inner.Step(action, observation[..innerSize]);
        observation[innerSize..Spec.ObservationSize].Clear();
        return result;
    }
}
