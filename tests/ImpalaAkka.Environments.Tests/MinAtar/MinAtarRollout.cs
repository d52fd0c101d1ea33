using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

/// <summary>
/// Runs episodes as MinAtar/README.md's reference script does with MinAtar's Python games: episode e is reset
/// with seed <c>seedBase + e</c>; actions come from one <c>RandomState(policySeed)</c>: <c>randint(actionCount)</c>
/// (uniform), or with <c>weights</c> the first action whose cumulative weight exceeds <c>rand() * total</c>. The
/// trace hash is FNV-1a 64 over each observation's set indices (channel-major, the reset one included) and,
/// after each step's observation, 1,000,000 + 2 reward + terminal.
/// </summary>
internal static class MinAtarRollout
{
    public const ulong FnvOffset = 0xCBF29CE484222325UL;

    public readonly record struct Episode(int Return, int Length, ulong Hash);

    public static Episode[] Run(IEnvironment env, int episodes, int seedBase, uint policySeed, bool hash, int[]? weights = null)
    {
        var policy = new MinAtarRandom(policySeed);
        var obs = new float[env.Spec.ObservationSize];
        var result = new Episode[episodes];
        for (var e = 0; e < episodes; e++)
        {
            env.Reset(seedBase + e, obs);
            var h = hash ? Mix(FnvOffset, obs) : 0;
            var (total, length) = (0, 0);
            StepResult step;
            do
            {
                step = env.Step(weights is null ? policy.RandInt(env.Spec.ActionCount) : Weighted(policy, weights), obs);
                total += (int)step.Reward;
                length++;
                if (hash) h = Fnv(Mix(h, obs), 1_000_000UL + 2UL * (ulong)step.Reward + (step.Terminated ? 1UL : 0UL));
            }
            while (!step.Done);
            result[e] = new Episode(total, length, h);
        }
        return result;
    }

    public static ulong Combined(IEnumerable<Episode> episodes) => episodes.Aggregate(FnvOffset, (h, e) => Fnv(h, e.Hash));

    private static int Weighted(MinAtarRandom policy, int[] weights)
    {
        var u = policy.Rand() * weights.Sum();
        var cumulative = 0;
        for (var a = 0; a < weights.Length; a++)
        {
            cumulative += weights[a];
            if (u < cumulative) return a;
        }
        return weights.Length - 1;
    }

    private static ulong Mix(ulong h, float[] obs)
    {
        for (var i = 0; i < obs.Length; i++)
        {
            if (obs[i] != 0f) h = Fnv(h, (ulong)i);
        }
        return h;
    }

    private static ulong Fnv(ulong h, ulong value) => (h ^ value) * 0x100000001B3UL;
}
