using ImpalaAkka.Torch;
using ImpalaAkka.Torch.Modules;

namespace ImpalaAkka.Impala.Model;

/// <summary>
/// An immutable snapshot of the learner's parameters at <see cref="Version"/>, as flat float arrays
/// in the model's parameter order. Safe to share between actors; never mutated after capture.
/// </summary>
public sealed record PolicyParameters(long Version, IReadOnlyList<float[]> Values)
{
    /// <summary>Copies every parameter of <paramref name="net"/> out of libtorch.</summary>
    public static PolicyParameters Capture(Module net, long version) =>
        new(version, net.Parameters().Select(p => p.ToArray<float>()).ToList());

    /// <summary>Copies the values into <paramref name="net"/>'s parameters (same structure required).</summary>
    public void LoadInto(Module net)
    {
        var parameters = net.Parameters();
        if (parameters.Count != Values.Count)
        {
            throw new ArgumentException($"snapshot has {Values.Count} tensors, the model {parameters.Count}");
        }
        using var noGrad = Libtorch.NoGrad();
        using var scope = DisposeScope.Begin();
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i].CopyFromInPlace(Tensor.From<float>(Values[i], parameters[i].Shape));
        }
    }
}
