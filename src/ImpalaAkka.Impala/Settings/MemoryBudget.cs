namespace ImpalaAkka.Impala.Settings;

/// <summary>
/// The limits on products of sizes that each pass their own range but together would not fit a small
/// machine (see "Derived limits" in hocon/reference.conf). Products are computed in checked 64-bit
/// arithmetic, so no combination of in-range values overflows.
/// </summary>
public static class MemoryBudget
{
    /// <summary>Most environments a process may step: rollout.actors x rollout.envs-per-actor.</summary>
    public const long MaxEnvironmentSlots = 4096;

    /// <summary>Most bytes of unrolls sent and not yet consumed: actors x envs-per-actor x max-inflight x unroll bytes.</summary>
    public const long MaxInflightBytes = 2L << 30;

    /// <summary>Most bytes of one learner batch: batch-size x unroll bytes.</summary>
    public const long MaxBatchBytes = 1L << 30;

    /// <summary>Most bytes the replay buffer may hold: replay.capacity x unroll bytes.</summary>
    public const long MaxReplayBytes = 2L << 30;

    /// <summary>Most bytes of parameter versions kept for lag injection: keep-versions x parameters x 4.</summary>
    public const long MaxKeptVersionBytes = 2L << 30;

    /// <summary>
    /// The estimated size of one unroll: T+1 steps of observation floats, behaviour logits and four
    /// scalars (action, reward, done, baseline), 4 bytes each.
    /// </summary>
    public static long UnrollBytes(int unrollLength, long observationFloats, int actionCount) =>
        checked((unrollLength + 1L) * (observationFloats + actionCount + 4) * 4);

    /// <summary>Bytes as a short human text, e.g. 1.5 GiB.</summary>
    public static string Text(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.#} KiB",
        _ => $"{bytes} B",
    };
}
