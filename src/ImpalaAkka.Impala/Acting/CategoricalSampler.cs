using ImpalaAkka.Impala.Common;

namespace ImpalaAkka.Impala.Acting;

/// <summary>Samples actions from softmax(logits) with the caller's seeded generator.</summary>
public static class CategoricalSampler
{
    /// <summary>One action for one row of logits: inverse-CDF sampling of softmax(logits), computed stably.</summary>
    public static int Sample(ReadOnlySpan<float> logits, Rng rng)
    {
        var max = float.NegativeInfinity;
        foreach (var l in logits) max = Math.Max(max, l);
        double total = 0;
        foreach (var l in logits) total += Math.Exp(l - max);
        var u = rng.NextDouble() * total;
        double cumulative = 0;
        for (var a = 0; a < logits.Length; a++)
        {
            cumulative += Math.Exp(logits[a] - max);
            if (u < cumulative) return a;
        }
        return logits.Length - 1;
    }
}
