using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// Throughput of each IMPALA component on this machine, in environment frames per second:
/// environments alone (<see cref="EnvironmentBench"/>, in steps/s), rollout (with and without batching over K, managed and libtorch acting),
/// the learner step (with its phase breakdown), and end-to-end in-process training.
/// </summary>
internal sealed class ImpalaBench(TimeSpan minimumTime, ImpalaSettings cartpole, ImpalaSettings catchSettings)
{
    public IEnumerable<BenchResult> Run(Action<string> note)
    {
        foreach (var row in new EnvironmentBench(minimumTime).Run()) yield return row;
        foreach (var k in new[] { 1, 8, 32 })
        {
            yield return Rollout($"rollout CartPole MLP, managed acting, K={k}", cartpole, k, ActingPolicyKind.Managed);
        }
        yield return Rollout("rollout CartPole MLP, libtorch acting, K=1", cartpole, 1, ActingPolicyKind.Libtorch);
        yield return Rollout("rollout CartPole MLP, libtorch acting, K=8", cartpole, 8, ActingPolicyKind.Libtorch);
        yield return Rollout("rollout Catch conv, libtorch acting, K=8", catchSettings, 8, ActingPolicyKind.Libtorch);
        foreach (var (label, settings) in new[] { ("CartPole MLP", cartpole), ("Catch conv", catchSettings) })
        {
            var (result, phases) = Learner(label, settings);
            yield return result;
            note($"  learner phases ({label}): " + string.Join(", ", LearnerCore.Phases.Zip(phases, (n, p) => $"{n} {p:P0}")));
        }
        yield return EndToEnd(cartpole);
    }

    private BenchResult Rollout(string name, ImpalaSettings settings, int k, ActingPolicyKind policyChoice)
    {
        var spec = settings.Env.Spec;
        TorchRuntime.ManualSeed(1);
        using var net = new ActorCriticNet(settings.Model, spec);
        var policy = ActingPolicies.Create(policyChoice, settings.Model, spec);
        policy.Load(PolicyParameters.Capture(net, 0));
        var envs = settings.Env.TaskOfSlots(k).Select(settings.Env.Create).ToList();
        using var worker = new RolloutWorker(envs, policy, settings.Rollout.UnrollLength, new Rng(2));
        var (iterations, seconds) = BenchTimer.Repeat(minimumTime, () => worker.RunRound());
        var frames = iterations * k * settings.Rollout.UnrollLength;
        return new BenchResult(name, frames / seconds, "frames/s", frames);
    }

    private (BenchResult, IReadOnlyList<double>) Learner(string label, ImpalaSettings settings)
    {
        var spec = settings.Env.Spec;
        TorchRuntime.ManualSeed(1);
        using var core = new LearnerCore(settings, spec);
        var batch = RolloutBatch(settings, core.Snapshot());
        var (iterations, seconds) = BenchTimer.Repeat(minimumTime, () => core.Step(batch, batch.Count));
        var frames = iterations * batch.Count * settings.Rollout.UnrollLength;
        var phases = core.PhaseSeconds;
        var total = phases.Sum();
        return (new BenchResult($"learner step {label}, T={settings.Rollout.UnrollLength} B={settings.Learner.BatchSize}", frames / seconds, "frames/s", frames),
            phases.Select(p => p / total).ToList());
    }

    /// <summary>One learner batch (B = learner.batch-size unrolls of T steps) acted by <paramref name="parameters"/>.</summary>
    internal static IReadOnlyList<Unroll> RolloutBatch(ImpalaSettings settings, PolicyParameters parameters)
    {
        var spec = Environments.Environments.SpecOf(settings.Env.Name);
        var policy = ActingPolicies.Create(ActingPolicyKind.Auto, settings.Model, spec);
        policy.Load(parameters);
        var envs = settings.Env.TaskOfSlots(settings.Learner.BatchSize).Select(settings.Env.Create).ToList();
        using var worker = new RolloutWorker(envs, policy, settings.Rollout.UnrollLength, new Rng(3));
        return worker.RunRound();
    }

    private static BenchResult EndToEnd(ImpalaSettings settings)
    {
        var run = settings with { Run = settings.Run with { TargetReturn = null } };
        var monitor = new TrainingMonitor(run.Run.MaxFrames, null);
        var outcome = InProcessTrainer.RunAsync(run, monitor, new InProcessTrainer.Options(), CancellationToken.None).GetAwaiter().GetResult();
        var f = outcome.Final;
        return new BenchResult($"end-to-end training, hocon/cartpole.conf, {f.Frames:N0} frames", f.Frames / f.WallSeconds, "frames/s", f.Frames);
    }
}
