using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Tests.Learning;

namespace ImpalaAkka.Impala.Tests.Model;

/// <summary>
/// That TorchSharp's native library loads at all (it did not, on a libstdc++ older than the one it
/// was built against) and that a whole learner step runs on it, for each kind of agent.
/// </summary>
public sealed class TorchSharpLoadTests
{
    [Theory]
    [InlineData("cartpole", "impala.model.kind=mlp")]
    [InlineData("cartpole", "impala.model.lstm=true")]
    [InlineData("catch", "impala.model.kind=conv")]
    [InlineData("minatar-breakout", "impala.model.kind=shallow")]
    public void LearnerCore_OneStep_BumpsVersionChangesEveryParameterFiniteLosses(string env, string model)
    {
        const int batchSize = 4, unrollLength = 5;
        var settings = TestSettings.Load($"impala.env.name={env}", model,
            $"impala.learner.batch-size={batchSize}", $"impala.rollout.unroll-length={unrollLength}");
        var spec = Environments.Environments.SpecOf(env);
        using var core = new LearnerCore(settings, spec);
        var before = core.Snapshot();
        Assert.Equal(0, before.Version);

        var metrics = core.Step(SyntheticUnrolls.Batch(spec, batchSize, unrollLength, core.Net.StateSize), batchSize);

        Assert.Equal(1, core.Version);
        Assert.Equal(batchSize * unrollLength, core.Frames);
        Assert.Equal(1, core.Optimizer.Steps);
        var after = core.Snapshot();
        Assert.Equal(1, after.Version);
        for (var i = 0; i < before.Values.Count; i++)
        {
            Assert.True(!before.Values[i].SequenceEqual(after.Values[i]), $"parameter {i} ({before.Values[i].Length} values) did not change in the step");
        }
        foreach (var (name, value) in new[]
                 {
                     ("total loss", metrics.TotalLoss), ("policy loss", metrics.PolicyLoss), ("baseline loss", metrics.BaselineLoss),
                     ("entropy", metrics.Entropy), ("gradient norm", metrics.GradNorm), ("mean rho", metrics.MeanRho),
                 })
        {
            Assert.True(double.IsFinite(value), $"{name} is {value}");
        }
        // Per-step entropy of a distribution over A actions lies in (0, ln A].
        Assert.InRange(metrics.Entropy, 1e-6, Math.Log(spec.ActionCount) + 1e-6);
        Assert.True(metrics.GradNorm > 0, $"gradient norm {metrics.GradNorm}");
        Assert.True(metrics.BaselineLoss >= 0, $"baseline loss {metrics.BaselineLoss}");
    }

    [Fact]
    public void CpuBackends_BundledLibtorch_HasMklOneDnnAndOpenMp()
    {
        // The bundled libtorch-cpu-linux-x64 2.10 is PyTorch's own CPU build; a build without MKL
        // would make the learner's matrix products several times slower.
        Assert.Equal("MKL, oneDNN, OpenMP", TorchRuntime.CpuBackends());
    }
}
