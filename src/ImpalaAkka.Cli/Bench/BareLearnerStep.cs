using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ImpalaAkka.Cli.Bench;

/// <summary>The reference: the same network, batch and loss shape in plain TorchSharp.</summary>
internal sealed class BareLearnerStep : IDisposable
{
    private readonly ActorCriticNet net;
    private readonly optim.Optimizer optimizer;
    private readonly IReadOnlyList<Parameter> parameters;
    private readonly Tensor observations;   // [(T+1) * B, C, H, W]
    private readonly Tensor actions;        // [T, B, 1]
    private readonly Tensor advantages;     // [T, B]
    private readonly Tensor targets;        // [T, B]
    private readonly int t, b, a;
    private readonly double baselineCost, entropyCost, clip;

    public BareLearnerStep(ImpalaSettings settings, EnvironmentSpec spec, IReadOnlyList<Unroll> batch)
    {
        (t, b, a) = (settings.Rollout.UnrollLength, batch.Count, spec.ActionCount);
        (baselineCost, entropyCost, clip) = (settings.Learner.BaselineCost, settings.Learner.EntropyCost, settings.Learner.GradNormClip);
        TorchRuntime.ManualSeed(1);
        net = new ActorCriticNet(settings.Model, spec);
        parameters = [.. net.parameters()];
        var o = settings.Learner.Optimizer;
        optimizer = optim.RMSProp(parameters, o.LearningRate, alpha: o.Decay, eps: o.Epsilon, momentum: o.Momentum);
        // Batch-major is enough here: the layout does not change the cost of the step.
        var obs = batch.SelectMany(u => u.Observations.Take((t + 1) * spec.ObservationSize)).ToArray();
        observations = TensorData.From<float>(obs, [(t + 1) * b, .. spec.ObservationShape.Select(d => (long)d)]).DetachFromDisposeScope();
        actions = TensorData.From<long>(batch.SelectMany(u => u.Actions.Take(t).Select(x => (long)x)).ToArray(), t, b, 1).DetachFromDisposeScope();
        advantages = TensorData.From<float>(batch.SelectMany(u => u.Rewards.Take(t)).ToArray(), t, b).DetachFromDisposeScope();
        targets = advantages.clone().DetachFromDisposeScope();
    }

    public void Step()
    {
        using var scope = NewDisposeScope();
        var (logitsAll, baselineAll) = net.call(observations);
        var logProbs = logitsAll.view(t + 1, b, a).narrow(0, 0, t).log_softmax(-1);     // [T, B, A]
        var values = baselineAll.view(t + 1, b).narrow(0, 0, t);                       // [T, B]
        var policyLoss = -(logProbs.gather(-1, actions).squeeze(-1) * advantages).sum();
        var baselineLoss = (targets - values).square().sum() * (0.5 * baselineCost);
        var loss = policyLoss + baselineLoss + (logProbs.exp() * logProbs).sum() * entropyCost;
        optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(parameters, clip);
        optimizer.step();
    }

    public void Dispose()
    {
        foreach (var tensor in new[] { observations, actions, advantages, targets }) tensor.Dispose();
        optimizer.Dispose();
        net.Dispose();
    }
}
