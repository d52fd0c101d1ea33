using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Acting;

/// <summary>Acting through libtorch (TorchSharp, on the CPU) with a private copy of the network: works for every model (conv and LSTM included); keeps each environment's recurrent state.</summary>
public sealed class LibtorchPolicy : IActingPolicy
{
    private readonly ActorCriticNet net;
    private readonly long[] batchShape;
    private float[] state = [];

    public LibtorchPolicy(ModelSettings model, EnvironmentSpec spec)
    {
        net = TorchRuntime.NewNet(model, spec);
        net.eval();
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
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        batchShape[0] = count;
        var input = TensorData.From(observations[..(count * net.ObservationSize)], batchShape);
        if (!net.IsRecurrent)
        {
            TensorData.CopyTo(net.call(input).Logits, logits[..(count * net.ActionCount)]);
            return;
        }
        EnsureState(count);
        var (output, _, next) = net.ForwardStep(input, TensorData.From<float>(state.AsSpan(0, count * StateSize), count, StateSize));
        TensorData.CopyTo(output, logits[..(count * net.ActionCount)]);
        TensorData.CopyTo(next, state.AsSpan(0, count * StateSize));
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
