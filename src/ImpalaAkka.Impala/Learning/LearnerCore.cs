using System.Runtime.InteropServices;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Learning.Optim;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// The learner's computation, in the paper's order: run the network on a batch of B unrolls,
/// compute targets with the configured off-policy correction, take the loss
/// (policy gradient + baseline-cost x 0.5 L2 + entropy-cost x sum pi log pi), clip the global
/// gradient norm, step the optimizer with the linearly decaying rate, and bump the version.
/// </summary>
public sealed class LearnerCore : IDisposable
{
    /// <summary>The epsilon of <see cref="Correction.Epsilon"/>: log(pi + 1e-6) in the policy gradient.</summary>
    private const double EpsilonCorrection = 1e-6;

    private readonly ImpalaSettings settings;
    private readonly EnvironmentSpec spec;
    private readonly LinearDecaySchedule schedule;
    private readonly int t;
    private readonly HeldScalars scalars = new();
    private Tensor? observations;                // [(T+1) * B, obs...], reused while B stays the same
    private long[] actions = [];
    private float[] rewards = [];
    private float[] notDone = [];
    private float[] behaviourLogits = [];
    private float[] keep = [];
    private float[] initialState = [];
    private readonly long[] phaseTicks = new long[Phases.Length];

    /// <summary>Names of the timed parts of a step, in order.</summary>
    public static readonly string[] Phases = ["batch", "forward", "vtrace+loss", "backward", "optimizer", "metrics"];

    /// <summary>Seconds spent in each of <see cref="Phases"/> over all steps so far.</summary>
    public IReadOnlyList<double> PhaseSeconds => phaseTicks.Select(t => (double)t / System.Diagnostics.Stopwatch.Frequency).ToList();

    private long Lap(int phase, long since)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        phaseTicks[phase] += now - since;
        return now;
    }

    public LearnerCore(ImpalaSettings settings, EnvironmentSpec spec)
    {
        this.settings = settings;
        this.spec = spec;
        t = settings.Rollout.UnrollLength;
        Device = TorchRuntime.Device(settings.Learner.Device);
        Net = TorchRuntime.NewNet(settings.Model, spec);
        if (Device.type != DeviceType.CPU) Net.to(Device);
        var o = settings.Learner.Optimizer;
        Optimizer = LearnerOptimizer.Create(o, Net.parameters());
        schedule = new LinearDecaySchedule(o.LearningRate, o.LrDecayFrames);
    }

    public ActorCriticNet Net { get; }

    /// <summary>T, the steps of every unroll this learner takes.</summary>
    public int UnrollLength => t;

    public LearnerOptimizer Optimizer { get; }

    /// <summary>Where the network, the batch and the loss live (<c>learner.device</c>).</summary>
    public Device Device { get; }

    /// <summary>The version of the current parameters; 0 before the first step.</summary>
    public long Version { get; private set; }

    /// <summary>Environment frames of fresh data learned from (drives the learning-rate schedule).</summary>
    public long Frames { get; private set; }

    public PolicyParameters Snapshot() => PolicyParameters.Capture(Net, Version);

    /// <summary>One learner step on <paramref name="batch"/> (all validated); the first <paramref name="freshCount"/> are fresh and count as frames.</summary>
    public StepMetrics Step(IReadOnlyList<Unroll> batch, int freshCount)
    {
        var b = batch.Count;
        var a = spec.ActionCount;
        var lap = System.Diagnostics.Stopwatch.GetTimestamp();
        Fill(batch);
        using var scope = NewDisposeScope();
        var obs = OnDevice(observations!);
        var actionsT = OnDevice(TensorData.From<long>(actions.AsSpan(0, t * b), t, b));                     // [T, B]
        var rewardsT = OnDevice(TensorData.From<float>(rewards.AsSpan(0, t * b), t, b));                    // [T, B]
        // Numbers (and add's alpha) go to libtorch as held Scalars (see HeldScalars): no a + b, no t * 0.9 here.
        if (settings.Learner.RewardClipping == RewardClipping.AbsOne) rewardsT = rewardsT.clamp(scalars[-1], scalars[1]);
        var discounts = OnDevice(TensorData.From<float>(notDone.AsSpan(0, t * b), t, b)).mul(scalars[settings.Learner.Discount]); // [T, B]
        var behaviour = OnDevice(TensorData.From<float>(behaviourLogits.AsSpan(0, t * b * a), t, b, a));     // [T, B, A]

        lap = Lap(0, lap);
        var (logitsAll, baselineAll) = Net.IsRecurrent
            ? Net.ForwardSequence(obs, OnDevice(TensorData.From<float>(initialState.AsSpan(0, b * Net.StateSize), b, Net.StateSize)),
                OnDevice(TensorData.From<float>(keep.AsSpan(0, (t + 1) * b), t + 1, b)))
            : Net.call(obs);
        lap = Lap(1, lap);
        var logits = logitsAll.view(t + 1, b, a).narrow(0, 0, t);                                  // [T, B, A]
        var baseline = baselineAll.view(t + 1, b);                                                 // [T+1, B]
        var values = baseline.narrow(0, 0, t);                                                     // [T, B]
        var bootstrap = baseline[t].detach();                                                      // [B]

        var index = actionsT.unsqueeze(-1);
        var logProbs = logits.log_softmax(-1);                                                     // [T, B, A]
        var actionLogProbs = logProbs.gather(-1, index).squeeze(-1);                               // [T, B]
        var behaviourLogProbs = behaviour.log_softmax(-1).gather(-1, index).squeeze(-1);           // [T, B]
        Tensor logRhos;
        using (no_grad())
        {
            logRhos = actionLogProbs - behaviourLogProbs;                                          // [T, B]
        }
        var rhos = logRhos.exp();
        var (vs, pgAdvantages) = Targets(logRhos, rhos, discounts, rewardsT, values.detach(), bootstrap);

        var policyLogProbs = settings.Learner.Correction == Correction.Epsilon
            ? logProbs.exp().gather(-1, index).squeeze(-1).add(scalars[EpsilonCorrection], scalars.One).log()
            : actionLogProbs;
        var policyLoss = -(policyLogProbs * pgAdvantages).sum();
        var baselineLoss = (vs - values).square().sum().mul(scalars[0.5 * settings.Learner.BaselineCost]);
        var negativeEntropy = (logProbs.exp() * logProbs).sum();
        var total = policyLoss.add(baselineLoss, scalars.One).add(negativeEntropy.mul(scalars[settings.Learner.EntropyCost]), scalars.One);

        lap = Lap(2, lap);
        Optimizer.ZeroGrad();
        total.backward();
        lap = Lap(3, lap);
        var gradNorm = nn.utils.clip_grad_norm_(Optimizer.Parameters, settings.Learner.GradNormClip);
        Frames += (long)freshCount * t;
        Optimizer.LearningRate = schedule.At(Frames);
        Optimizer.Step();
        Version++;
        lap = Lap(4, lap);

        var v = settings.VTrace;
        var metrics = new StepMetrics(
            total.item<float>(), policyLoss.item<float>(), baselineLoss.item<float>(), -negativeEntropy.item<float>() / (t * b), gradNorm,
            Optimizer.LearningRate,
            ClippedShare(rhos, v.ClipRhoThreshold),
            ClippedShare(rhos, v.ClipCThreshold),
            rhos.mean().item<float>());
        Lap(5, lap);
        return metrics;
    }

    /// <summary>
    /// Share of importance weights the threshold actually truncates: above it by more than 0.01%.
    /// The acting and learning forward passes differ in the last float bits, so at zero lag
    /// rho = 1 +- 1e-7, which a strict comparison with rho-bar = 1 would count as clipped.
    /// </summary>
    private double ClippedShare(Tensor rhos, double? threshold) =>
        threshold is { } bar ? rhos.gt(scalars[bar * (1 + 1e-4)]).to(ScalarType.Float32).mean().item<float>() : 0;

    /// <summary>V-trace targets and advantages under the configured correction (all without gradient).</summary>
    private (Tensor Vs, Tensor PgAdvantages) Targets(Tensor logRhos, Tensor rhos, Tensor discounts, Tensor rewards, Tensor values, Tensor bootstrap)
    {
        var correction = settings.Learner.Correction;
        if (correction == Correction.VTrace)
        {
            var r = VTrace.FromImportanceWeights(logRhos, discounts, rewards, values, bootstrap, settings.VTrace);
            return (r.Vs, r.PgAdvantages);
        }
        // none, one-step-is, epsilon: value targets as if on-policy (every rho = 1).
        var onPolicy = VTrace.FromImportanceWeights(zeros_like(logRhos), discounts, rewards, values, bootstrap,
            new VTraceOptions(null, null, null, settings.VTrace.Lambda));
        if (correction == Correction.OneStepIs)
        {
            using var noGrad = no_grad();
            return (onPolicy.Vs, onPolicy.PgAdvantages * rhos);
        }
        return (onPolicy.Vs, onPolicy.PgAdvantages);
    }

    private Tensor OnDevice(Tensor tensor) => Device.type == DeviceType.CPU ? tensor : tensor.to(Device);

    /// <summary>Copies the batch into time-major [T(+1), B, ...] buffers reused across steps.</summary>
    private void Fill(IReadOnlyList<Unroll> batch)
    {
        var b = batch.Count;
        var obsSize = spec.ObservationSize;
        var a = spec.ActionCount;
        if (observations is null || observations.shape[0] != (t + 1) * b)
        {
            observations?.Dispose();
            observations = empty([(t + 1) * b, .. spec.ObservationShape.Select(d => (long)d)], ScalarType.Float32).DetachFromDisposeScope();
        }
        // The step runs forward and backward before the next Fill, so overwriting in place is safe.
        var observationsOut = MemoryMarshal.Cast<byte, float>(observations.bytes);
        Ensure(ref actions, t * b);
        Ensure(ref rewards, t * b);
        Ensure(ref notDone, t * b);
        Ensure(ref behaviourLogits, t * b * a);
        Ensure(ref keep, (t + 1) * b);
        Ensure(ref initialState, b * Net.StateSize);
        for (var j = 0; j < b; j++)
        {
            var u = batch[j];
            // The recurrent state is kept into step 0 and reset where the previous step ended an episode.
            keep[j] = 1f;
            for (var step = 0; step < t; step++) keep[(step + 1) * b + j] = u.Dones[step] ? 0f : 1f;
            u.InitialState.CopyTo(initialState, j * Net.StateSize);
            for (var step = 0; step <= t; step++)
            {
                u.Observations.AsSpan(step * obsSize, obsSize).CopyTo(observationsOut.Slice((step * b + j) * obsSize, obsSize));
            }
            for (var step = 0; step < t; step++)
            {
                var at = step * b + j;
                actions[at] = u.Actions[step];
                rewards[at] = u.Rewards[step];
                notDone[at] = u.Dones[step] ? 0f : 1f;
                Array.Copy(u.BehaviourLogits, step * a, behaviourLogits, at * a, a);
            }
        }
    }

    private static void Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length) buffer = new T[length];
    }

    /// <summary>Restores the version and frame counter from a checkpoint.</summary>
    internal void Restore(long version, long frames)
    {
        Version = version;
        Frames = frames;
        Optimizer.LearningRate = schedule.At(frames);
    }

    public void Dispose()
    {
        observations?.Dispose();
        Optimizer.Dispose();
        Net.Dispose();
        scalars.Dispose();
    }
}
