using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Environments;
using ImpalaAkka.Torch;

namespace ImpalaAkka.Impala.Acting;

/// <summary>Acting through libtorch with a private copy of the network: works for every model (conv and LSTM included); keeps each environment's recurrent state.</summary>
public sealed class LibtorchPolicy : IActingPolicy
{
    private readonly ActorCriticNet net;
    private readonly long[] batchShape;
    private float[] state = [];

    public LibtorchPolicy(ModelSettings model, EnvironmentSpec spec)
    {
        net = new ActorCriticNet(model, spec);
        batchShape = [0, .. spec.ObservationShape.Select(d => (long)d)];
    }

    public long Version { get; private set; } = -1;

    public void Load(PolicyParameters parameters)
    {
        parameters.LoadInto(net);
        Version = parameters.Version;
    }

    public int StateSize => net.StateSize;

    public void Logits(ReadOnlySpan<float> observations, int count, Span<float> logits)
    {
        using var noGrad = Libtorch.NoGrad();
        using var scope = DisposeScope.Begin();
        batchShape[0] = count;
        var input = Tensor.From(observations[..(count * net.ObservationSize)], batchShape);
        if (!net.IsRecurrent)
        {
            net.Forward(input).Logits.CopyTo(logits[..(count * net.ActionCount)]);
            return;
        }
        EnsureState(count);
        var (output, _, next) = net.ForwardStep(input, Tensor.From<float>(state, [count, StateSize]));
        output.CopyTo(logits[..(count * net.ActionCount)]);
        next.CopyTo<float>(state);
    }

    public void CopyState(int index, Span<float> destination)
    {
        EnsureState(index + 1);
        state.AsSpan(index * StateSize, StateSize).CopyTo(destination);
    }

    public void ResetState(int index)
    {
        EnsureState(index + 1);
        state.AsSpan(index * StateSize, StateSize).Clear();
    }

    /// <summary>Grows the state buffer to <paramref name="count"/> environments (new ones start at zero).</summary>
    private void EnsureState(int count)
    {
        if (state.Length < count * StateSize) Array.Resize(ref state, count * StateSize);
    }

    public void Dispose() => net.Dispose();
}
