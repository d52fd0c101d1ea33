using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Environments;
using ImpalaAkka.Torch;

namespace ImpalaAkka.Impala.Acting;

/// <summary>Acting through libtorch with a private copy of the network: works for every model (conv included).</summary>
public sealed class LibtorchPolicy : IActingPolicy
{
    private readonly ActorCriticNet net;
    private readonly long[] batchShape;

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

    public void Logits(ReadOnlySpan<float> observations, int count, Span<float> logits)
    {
        using var noGrad = Libtorch.NoGrad();
        using var scope = DisposeScope.Begin();
        batchShape[0] = count;
        var (output, _) = net.Forward(Tensor.From(observations[..(count * net.ObservationSize)], batchShape));
        output.CopyTo(logits[..(count * net.ActionCount)]);
    }

    public void Dispose() => net.Dispose();
}
