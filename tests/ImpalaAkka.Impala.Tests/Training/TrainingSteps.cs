using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Tests.Learning;

namespace ImpalaAkka.Impala.Tests.Training;

/// <summary>Learner steps on <see cref="SyntheticUnrolls"/> that fit the learner's network (no actors, no environment).</summary>
internal static class TrainingSteps
{
    /// <summary>Runs <paramref name="steps"/> learner steps of <paramref name="batch"/> fresh unrolls each; returns the last step's metrics.</summary>
    public static StepMetrics Run(LearnerCore core, int steps, int batch = 4, int seed = 1)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "at least one step");
        var spec = new EnvironmentSpec("test", core.Net.ObservationShape, core.Net.ActionCount);
        StepMetrics last = default!;
        for (var i = 0; i < steps; i++)
        {
            last = core.Step(SyntheticUnrolls.Batch(spec, batch, core.UnrollLength, core.Net.StateSize, seed + i), batch);
        }
        return last;
    }
}
