using TorchSharp;

namespace ImpalaAkka.Impala.Model;

/// <summary>
/// The constant numbers an owner passes to TorchSharp, as <see cref="Scalar"/>s held until
/// <see cref="Dispose"/>. TorchSharp 0.107 turns a <c>double</c> argument into a temporary Scalar
/// with a finaliser and hands only its native handle to libtorch; nothing keeps the temporary
/// reachable during the call, so a garbage collection then can free it while libtorch reads it
/// (the op fails with "Expected false to be true" from c10's Scalar.h, or reads a reused value).
/// A Scalar from here stays reachable as long as its owner. One thread at a time.
/// </summary>
public sealed class HeldScalars : IDisposable
{
    /// <summary>More distinct values than a learner's constants: a changing value (a learning rate) does not belong here.</summary>
    public const int MaxValues = 64;

    private readonly Dictionary<double, Scalar> held = [];

    /// <summary>The held Scalar of <paramref name="value"/>, made on first use.</summary>
    public Scalar this[double value]
    {
        get
        {
            if (held.TryGetValue(value, out var scalar)) return scalar;
            if (held.Count >= MaxValues) throw new InvalidOperationException($"more than {MaxValues} held scalars: pass a changing value as a scalar of its own");
            return held[value] = value.ToScalar();
        }
    }

    /// <summary>The held 1, the <c>alpha</c> of <c>add</c>/<c>sub</c> (TorchSharp's <c>a + b</c> makes a temporary one).</summary>
    public Scalar One => this[1];

    public void Dispose()
    {
        foreach (var scalar in held.Values) scalar.Dispose();
        held.Clear();
    }
}
