using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Model;

/// <summary>
/// An immutable snapshot of the learner's parameters at <see cref="Version"/>, as flat float arrays
/// in the model's parameter order. Safe to share between actors; never mutated after capture.
/// </summary>
public sealed record PolicyParameters(long Version, IReadOnlyList<float[]> Values)
{
    /// <summary>Copies every parameter of <paramref name="net"/> out of libtorch (from any device).</summary>
    public static PolicyParameters Capture(nn.Module net, long version)
    {
        using var scope = NewDisposeScope();
        return new(version, net.parameters().Select(p => TensorData.ToArray<float>(p.detach())).ToList());
    }

    /// <summary>Copies the values into <paramref name="net"/>'s parameters (same structure required).</summary>
    /// <exception cref="ArgumentException">The snapshot does not fit the model (checked before anything changes).</exception>
    public void LoadInto(nn.Module net)
    {
        var parameters = net.parameters().ToList();
        if (parameters.Count != Values.Count)
        {
            throw new ArgumentException($"snapshot has {Values.Count} tensors, the model {parameters.Count}");
        }
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].numel() != Values[i].Length)
            {
                throw new ArgumentException($"snapshot tensor {i} has {Values[i].Length} values, the model's parameter {i} {parameters[i].numel()}");
            }
        }
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i].copy_(TensorData.From<float>(Values[i], parameters[i].shape));
        }
    }
}
