using ImpalaAkka.Impala.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// V-trace off-policy targets (Espeholt et al. 2018, eq. 1 and section 4.2), time-major [T, B],
/// computed without gradient on the inputs' device; the backward recursion runs in C#.
/// <code>
/// rho_t   = pi(a_t|x_t) / mu(a_t|x_t)                      (exp of log_rhos)
/// delta_t = min(rho-bar, rho_t) (r_t + gamma_t V(x_{t+1}) - V(x_t)),   V(x_T) = bootstrap_value
/// c_t     = lambda min(c-bar, rho_t)
/// v_s - V(x_s) = delta_s + gamma_s c_s (v_{s+1} - V(x_{s+1}))
/// A_s     = min(pg-rho-bar, rho_s) (r_s + gamma_s v_{s+1} - V(x_s)),   v_T = bootstrap_value
/// </code>
/// gamma_t is the per-step discount: the discount factor, or 0 where the episode ended at step t.
/// </summary>
public static class VTrace
{
    /// <summary>V-trace from log importance weights log(pi/mu) [T, B].</summary>
    /// <param name="logRhos">[T, B] log(pi(a_t|x_t) / mu(a_t|x_t)).</param>
    /// <param name="discounts">[T, B] gamma_t; 0 at episode ends.</param>
    /// <param name="rewards">[T, B] r_t.</param>
    /// <param name="values">[T, B] V(x_t) under the learner's current value function.</param>
    /// <param name="bootstrapValue">[B] V(x_T).</param>
    public static VTraceReturns FromImportanceWeights(
        Tensor logRhos, Tensor discounts, Tensor rewards, Tensor values, Tensor bootstrapValue, VTraceOptions options)
    {
        options.Validate();
        CheckShapes(values, bootstrapValue, (logRhos, "log_rhos"), (discounts, "discounts"), (rewards, "rewards"));

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        // Numbers (and add's alpha) go to libtorch as Scalars held until the end (see HeldScalars): no a + b, no t * 0.9.
        using var scalars = new HeldScalars();
        Tensor Clip(Tensor x, double? threshold) => threshold is { } bar ? x.clamp_max(scalars[bar]) : x.clone();
        var one = scalars.One;
        var rhos = logRhos.exp();                                           // [T, B]
        var clippedRhos = Clip(rhos, options.ClipRhoThreshold);             // [T, B]
        var cs = Clip(rhos, options.ClipCThreshold).mul(scalars[options.Lambda]); // [T, B]
        var bootstrap = bootstrapValue.unsqueeze(0);                        // [1, B]
        var t = values.shape[0];
        var valuesNext = cat([values.narrow(0, 1, t - 1), bootstrap]);      // [T, B] V(x_{t+1})
        var deltas = clippedRhos * rewards.add(discounts * valuesNext, one).sub(values);
        var vs = BackwardRecursion(deltas, discounts * cs).add(values, one); // [T, B]
        var vsNext = cat([vs.narrow(0, 1, t - 1), bootstrap]);              // [T, B] v_{s+1}
        var pgAdvantages = Clip(rhos, options.ClipPgRhoThreshold) * rewards.add(discounts * vsNext, one).sub(values);
        var (vsOut, pgOut) = scope.MoveToOuter(vs, pgAdvantages);
        return new VTraceReturns(vsOut, pgOut);
    }

    /// <summary>V-trace from the log-probabilities of the taken actions under mu (behaviour) and pi (target), each [T, B].</summary>
    public static VTraceReturns FromLogProbs(
        Tensor behaviourLogProbs, Tensor targetLogProbs, Tensor discounts, Tensor rewards, Tensor values,
        Tensor bootstrapValue, VTraceOptions options)
    {
        CheckSame(behaviourLogProbs, targetLogProbs, "behaviour_log_probs", "target_log_probs");
        using var noGrad = no_grad();
        using var logRhos = targetLogProbs - behaviourLogProbs;
        return FromImportanceWeights(logRhos, discounts, rewards, values, bootstrapValue, options);
    }

    /// <summary>V-trace from behaviour and target logits [T, B, A] and the taken actions [T, B] (int64).</summary>
    public static VTraceReturns FromLogits(
        Tensor behaviourLogits, Tensor targetLogits, Tensor actions, Tensor discounts, Tensor rewards, Tensor values,
        Tensor bootstrapValue, VTraceOptions options)
    {
        CheckSame(behaviourLogits, targetLogits, "behaviour_logits", "target_logits");
        if (behaviourLogits.ndim != actions.ndim + 1 || !behaviourLogits.shape[..^1].SequenceEqual(actions.shape))
        {
            throw new ArgumentException(
                $"vtrace: logits have shape {Format(behaviourLogits.shape)}, so actions must be {Format(behaviourLogits.shape[..^1])}; got {Format(actions.shape)}");
        }
        if (actions.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"vtrace: actions must be int64, got {actions.dtype}");
        }
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var index = actions.unsqueeze(-1);
        var behaviour = behaviourLogits.log_softmax(-1).gather(-1, index).squeeze(-1);
        var target = targetLogits.log_softmax(-1).gather(-1, index).squeeze(-1);
        var result = FromLogProbs(behaviour, target, discounts, rewards, values, bootstrapValue, options);
        scope.MoveToOuter(result.Vs, result.PgAdvantages);
        return result;
    }

    /// <summary>
    /// acc_t = delta_t + gamma_t c_t acc_{t+1} with acc_T = 0, the paper's recursion for v_s - V(x_s),
    /// as a loop over time in C# (in float64, whatever the inputs' dtype); [T, B] in, [T, B] out.
    /// </summary>
    private static Tensor BackwardRecursion(Tensor deltas, Tensor discountedCs)
    {
        var (t, b) = ((int)deltas.shape[0], (int)deltas.shape[1..].Aggregate(1L, (x, y) => x * y));
        var delta = TensorData.ToArray<double>(deltas.to(ScalarType.Float64));
        var gammaC = TensorData.ToArray<double>(discountedCs.to(ScalarType.Float64));
        var acc = new double[delta.Length];
        for (var step = t - 1; step >= 0; step--)
        {
            for (var j = 0; j < b; j++)
            {
                var at = step * b + j;
                acc[at] = delta[at] + (step + 1 < t ? gammaC[at] * acc[at + b] : 0);
            }
        }
        return TensorData.From<double>(acc, deltas.shape).to(deltas.dtype, deltas.device);
    }

    private static void CheckShapes(Tensor values, Tensor bootstrapValue, params (Tensor Tensor, string Name)[] others)
    {
        if (values.ndim < 1 || values.shape[0] < 1)
        {
            throw new ArgumentException($"vtrace: values must be time-major [T, B] with T >= 1, got {Format(values.shape)}");
        }
        foreach (var (tensor, name) in others)
        {
            if (!tensor.shape.SequenceEqual(values.shape))
            {
                throw new ArgumentException($"vtrace: {name} has shape {Format(tensor.shape)}, expected {Format(values.shape)} (the shape of values)");
            }
        }
        if (!bootstrapValue.shape.SequenceEqual(values.shape[1..]))
        {
            throw new ArgumentException(
                $"vtrace: bootstrap_value has shape {Format(bootstrapValue.shape)}, expected {Format(values.shape[1..])} (values without the time dimension)");
        }
    }

    private static void CheckSame(Tensor a, Tensor b, string nameA, string nameB)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            throw new ArgumentException($"vtrace: {nameA} has shape {Format(a.shape)} but {nameB} has {Format(b.shape)}");
        }
    }

    private static string Format(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
