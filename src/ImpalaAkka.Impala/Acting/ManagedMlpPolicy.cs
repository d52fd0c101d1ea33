using System.Numerics.Tensors;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Acting;

/// <summary>
/// The MLP's policy path (ReLU hidden layers, then the policy head) in C# with SIMD dot products:
/// for the tiny networks used on vector observations this beats libtorch's per-op overhead by a
/// wide margin. It reads the parameter arrays of <see cref="PolicyParameters"/> directly (they are
/// immutable), so loading a version copies nothing. Equivalence with libtorch is tested.
/// </summary>
public sealed class ManagedMlpPolicy : IActingPolicy
{
    private readonly int inputSize;
    private readonly int[] widths;
    private readonly int actionCount;
    private readonly float[] bufferA;
    private readonly float[] bufferB;
    private PolicyParameters? parameters;

    public ManagedMlpPolicy(int inputSize, IReadOnlyList<int> hidden, int actionCount)
    {
        this.inputSize = inputSize;
        widths = [.. hidden];
        this.actionCount = actionCount;
        var widest = Math.Max(inputSize, hidden.DefaultIfEmpty(0).Max());
        bufferA = new float[widest];
        bufferB = new float[widest];
    }

    public long Version => parameters?.Version ?? -1;

    public void Load(PolicyParameters snapshot)
    {
        // torso: (weight, bias) per hidden layer; then policy (weight, bias); then baseline (weight, bias).
        var expected = 2 * widths.Length + 4;
        if (snapshot.Values.Count != expected)
        {
            throw new ArgumentException($"an MLP with {widths.Length} hidden layers has {expected} parameter tensors, the snapshot {snapshot.Values.Count}");
        }
        var input = inputSize;
        for (var layer = 0; layer <= widths.Length; layer++)
        {
            var output = layer < widths.Length ? widths[layer] : actionCount;
            if (snapshot.Values[2 * layer].Length != output * input || snapshot.Values[2 * layer + 1].Length != output)
            {
                throw new ArgumentException($"layer {layer} of the snapshot does not have shape [{output}, {input}]");
            }
            input = output;
        }
        parameters = snapshot;
    }

    public void Logits(ReadOnlySpan<float> observations, int count, Span<float> logits)
    {
        var p = parameters ?? throw new InvalidOperationException("no parameters loaded");
        for (var k = 0; k < count; k++)
        {
            ReadOnlySpan<float> x = observations.Slice(k * inputSize, inputSize);
            var input = inputSize;
            var current = bufferA;
            for (var layer = 0; layer < widths.Length; layer++)
            {
                var output = widths[layer];
                Dense(p.Values[2 * layer], p.Values[2 * layer + 1], x, input, current.AsSpan(0, output));
                TensorPrimitives.Max(current.AsSpan(0, output), 0f, current.AsSpan(0, output)); // ReLU
                x = current.AsSpan(0, output);
                input = output;
                current = ReferenceEquals(current, bufferA) ? bufferB : bufferA;
            }
            var head = widths.Length;
            Dense(p.Values[2 * head], p.Values[2 * head + 1], x, input, logits.Slice(k * actionCount, actionCount));
        }
    }

    private static void Dense(float[] weight, float[] bias, ReadOnlySpan<float> x, int input, Span<float> y)
    {
        for (var o = 0; o < y.Length; o++)
        {
            y[o] = TensorPrimitives.Dot(weight.AsSpan(o * input, input), x) + bias[o];
        }
    }

    public void Dispose()
    {
    }
}
