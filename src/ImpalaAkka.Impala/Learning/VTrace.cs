using ImpalaAkka.Torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// V-trace off-policy targets (Espeholt et al. 2018, eq. 1 and section 4.2), time-major [T, B],
/// computed without gradient on the inputs' device.
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

        using var noGrad = Libtorch.NoGrad();
        using var scope = DisposeScope.Begin();
        var rhos = logRhos.Exp();                                           // [T, B]
        var clippedRhos = Clip(rhos, options.ClipRhoThreshold);             // [T, B]
        var cs = Clip(rhos, options.ClipCThreshold) * options.Lambda;       // [T, B]
        var bootstrap = bootstrapValue.Unsqueeze(0);                        // [1, B]
        var valuesNext = Tensor.Cat([values.Slice(0, 1, values.Size(0)), bootstrap]); // [T, B] V(x_{t+1})
        var deltas = clippedRhos * (rewards + discounts * valuesNext - values);
        var vsMinusValues = Tensor.ReverseScan(deltas, discounts * cs, Tensor.Zeros(bootstrapValue.Shape, values.DType, values.Device));
        var vs = vsMinusValues + values;                                    // [T, B]
        var vsNext = Tensor.Cat([vs.Slice(0, 1, vs.Size(0)), bootstrap]);   // [T, B] v_{s+1}
        var pgAdvantages = Clip(rhos, options.ClipPgRhoThreshold) * (rewards + discounts * vsNext - values);
        return new VTraceReturns(scope.MoveToOuter(vs), scope.MoveToOuter(pgAdvantages));
    }

    /// <summary>V-trace from the log-probabilities of the taken actions under mu (behaviour) and pi (target), each [T, B].</summary>
    public static VTraceReturns FromLogProbs(
        Tensor behaviourLogProbs, Tensor targetLogProbs, Tensor discounts, Tensor rewards, Tensor values,
        Tensor bootstrapValue, VTraceOptions options)
    {
        CheckSame(behaviourLogProbs, targetLogProbs, "behaviour_log_probs", "target_log_probs");
        using var scope = DisposeScope.Begin();
        using var noGrad = Libtorch.NoGrad();
        var logRhos = targetLogProbs - behaviourLogProbs;
        var result = FromImportanceWeights(logRhos, discounts, rewards, values, bootstrapValue, options);
        scope.MoveToOuter(result.Vs);
        scope.MoveToOuter(result.PgAdvantages);
        return result;
    }

    /// <summary>V-trace from behaviour and target logits [T, B, A] and the taken actions [T, B] (int64).</summary>
    public static VTraceReturns FromLogits(
        Tensor behaviourLogits, Tensor targetLogits, Tensor actions, Tensor discounts, Tensor rewards, Tensor values,
        Tensor bootstrapValue, VTraceOptions options)
    {
        CheckSame(behaviourLogits, targetLogits, "behaviour_logits", "target_logits");
        if (behaviourLogits.Dim != actions.Dim + 1 || !behaviourLogits.Shape[..^1].SequenceEqual(actions.Shape))
        {
            throw new ArgumentException(
                $"vtrace: logits have shape {Format(behaviourLogits.Shape)}, so actions must be {Format(behaviourLogits.Shape[..^1])}; got {Format(actions.Shape)}");
        }
        using var scope = DisposeScope.Begin();
        using var noGrad = Libtorch.NoGrad();
        var index = actions.Unsqueeze(-1);
        var behaviour = behaviourLogits.LogSoftmax(-1).Gather(-1, index).Squeeze(-1);
        var target = targetLogits.LogSoftmax(-1).Gather(-1, index).Squeeze(-1);
        var result = FromLogProbs(behaviour, target, discounts, rewards, values, bootstrapValue, options);
        scope.MoveToOuter(result.Vs);
        scope.MoveToOuter(result.PgAdvantages);
        return result;
    }

    private static Tensor Clip(Tensor rhos, double? threshold) => threshold is { } t ? rhos.Minimum(t) : rhos.Clone();

    private static void CheckShapes(Tensor values, Tensor bootstrapValue, params (Tensor Tensor, string Name)[] others)
    {
        if (values.Dim < 1 || values.Size(0) < 1)
        {
            throw new ArgumentException($"vtrace: values must be time-major [T, B] with T >= 1, got {Format(values.Shape)}");
        }
        foreach (var (tensor, name) in others)
        {
            if (!tensor.Shape.SequenceEqual(values.Shape))
            {
                throw new ArgumentException($"vtrace: {name} has shape {Format(tensor.Shape)}, expected {Format(values.Shape)} (the shape of values)");
            }
        }
        if (!bootstrapValue.Shape.SequenceEqual(values.Shape[1..]))
        {
            throw new ArgumentException(
                $"vtrace: bootstrap_value has shape {Format(bootstrapValue.Shape)}, expected {Format(values.Shape[1..])} (values without the time dimension)");
        }
    }

    private static void CheckSame(Tensor a, Tensor b, string nameA, string nameB)
    {
        if (!a.Shape.SequenceEqual(b.Shape))
        {
            throw new ArgumentException($"vtrace: {nameA} has shape {Format(a.Shape)} but {nameB} has {Format(b.Shape)}");
        }
    }

    private static string Format(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";
}
