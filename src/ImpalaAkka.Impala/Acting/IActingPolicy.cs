using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Acting;

/// <summary>The forward pass a rollout actor uses to act: policy logits for a batch of observations.</summary>
public interface IActingPolicy : IDisposable
{
    /// <summary>The version of the parameters loaded last (-1 before any).</summary>
    long Version { get; }

    void Load(PolicyParameters parameters);

    /// <summary>observations [count * obsSize] -> logits [count * A], row-major.</summary>
    void Logits(ReadOnlySpan<float> observations, int count, Span<float> logits);
}
