using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests;

/// <summary>Measures what stepping an environment allocates: uniform random actions, a reset at every episode's end.</summary>
internal static class StepAllocations
{
    /// <summary>Bytes this thread allocated over 5,000 steps, after 2,000 to warm up (JIT, first-touch caches).</summary>
    public static long Of(IEnvironment env)
    {
        var policy = new MinAtarRandom(9);
        var obs = new float[env.Spec.ObservationSize];
        void Run(int steps)
        {
            env.Reset(1, obs);
            for (var t = 0; t < steps; t++)
            {
                if (env.Step(policy.RandInt(env.Spec.ActionCount), obs).Done) env.Reset(t, obs);
            }
        }
        Run(2000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(5000);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
