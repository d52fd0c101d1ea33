using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Acting;

/// <summary>The forward pass a rollout actor uses to act: policy logits for a batch of observations.</summary>
public interface IActingPolicy : IDisposable
{
    /// <summary>The version of the parameters loaded last (-1 before any).</summary>
    long Version { get; }

    void Load(PolicyParameters parameters);

    /// <summary>observations [count * obsSize] -> logits [count * A], row-major. A recurrent policy also advances environment i's state.</summary>
    void Logits(ReadOnlySpan<float> observations, int count, Span<float> logits);

    /// <summary>Floats of recurrent state per environment (0 for feed-forward policies).</summary>
    int StateSize => 0;

    /// <summary>Copies environment <paramref name="index"/>'s current recurrent state into <paramref name="destination"/>.</summary>
    void CopyState(int index, Span<float> destination)
    {
    }

    /// <summary>Zeroes environment <paramref name="index"/>'s recurrent state (its episode ended).</summary>
    void ResetState(int index)
    {
    }
}
