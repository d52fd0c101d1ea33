using System.Diagnostics;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// Our learner step (LearnerCore.Step, then the snapshot the learner publishes after every step)
/// against a bare TorchSharp step of the same network on the same batch: tensors built once,
/// forward, a loss of the same shape (policy gradient + baseline + entropy, constant advantages
/// and targets in place of V-trace), backward, gradient clipping and TorchSharp's RMSProp.
/// The two run in alternating windows so that machine load moves both; figures are window medians.
/// </summary>
internal sealed class LearnerStepBench(TimeSpan minimumTime, ImpalaSettings settings)
{
    private const int Windows = 15;

    public IEnumerable<BenchResult> Run(Action<string> note)
    {
        var spec = Environments.Environments.SpecOf(settings.Env.Name);
        var (t, b, a) = (settings.Rollout.UnrollLength, settings.Learner.BatchSize, spec.ActionCount);
        var label = $"{settings.Env.Name} {settings.Model.Kind.ToString().ToLowerInvariant()} T={t} B={b} [{string.Join(", ", spec.ObservationShape)}]";
        TorchRuntime.ManualSeed(1);
        using var core = new LearnerCore(settings, spec);
        var batch = ImpalaBench.RolloutBatch(settings, core.Snapshot());
        using var bare = new BareLearnerStep(settings, spec, batch);

        void Ours()
        {
            core.Step(batch, batch.Count);
            core.Snapshot();
        }

        // Warm up both, then size a window so that all of them take about the minimum time.
        var perStep = Time(Ours, 5) + Time(bare.Step, 5);
        var steps = Math.Max(3, (int)(minimumTime.TotalSeconds / Windows / perStep));
        var ours = new double[Windows];
        var bareTimes = new double[Windows];
        var phases = new double[LearnerCore.Phases.Length + 1][];
        for (var p = 0; p < phases.Length; p++) phases[p] = new double[Windows];
        for (var w = 0; w < Windows; w++)
        {
            var before = core.PhaseSeconds;
            var publish = 0.0;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < steps; i++)
            {
                core.Step(batch, batch.Count);
                var published = Stopwatch.GetTimestamp();
                core.Snapshot();
                publish += Stopwatch.GetElapsedTime(published).TotalSeconds;
            }
            ours[w] = Stopwatch.GetElapsedTime(start).TotalSeconds / steps;
            var after = core.PhaseSeconds;
            for (var p = 0; p < LearnerCore.Phases.Length; p++) phases[p][w] = (after[p] - before[p]) / steps;
            phases[^1][w] = publish / steps;
            bareTimes[w] = Time(bare.Step, steps);
        }

        var oursMs = BenchStats.Median(ours) * 1e3;
        var bareMs = BenchStats.Median(bareTimes) * 1e3;
        var iterations = (long)Windows * steps;
        yield return new BenchResult($"learner step ours (incl. publish), {label}", oursMs, "ms", iterations);
        string[] names = [.. LearnerCore.Phases, "publish"];
        for (var p = 0; p < names.Length; p++)
        {
            yield return new BenchResult($"  ours: {names[p]}", BenchStats.Median(phases[p]) * 1e3, "ms", iterations);
        }
        yield return new BenchResult($"learner step bare TorchSharp, {label}", bareMs, "ms", iterations);
        // Each window pair ran under the same load, so the ratio is taken per pair.
        var ratio = BenchStats.Median(ours.Zip(bareTimes, (o, r) => o / r));
        yield return new BenchResult("learner step ours / bare, median of window pairs (target <= 1.1)", ratio, "x", iterations);
        note($"  learner step: {Windows} alternating windows of {steps} steps each; medians of the windows' means");
    }

    /// <summary>Seconds per call of <paramref name="body"/> over <paramref name="count"/> calls.</summary>
    private static double Time(Action body, int count)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++) body();
        return Stopwatch.GetElapsedTime(start).TotalSeconds / count;
    }
}
