using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Tests.Acting;

public sealed class PolicyEquivalenceTests
{
    [Theory]
    [InlineData(new[] { 64, 64 }, 4, 2)]
    [InlineData(new[] { 32 }, 7, 5)]
    [InlineData(new int[0], 3, 3)]
    public void ManagedMlp_MatchesTorchSharpForward(int[] hidden, int obsSize, int actions)
    {
        TorchRuntime.ManualSeed(17);
        var model = new ModelSettings(ModelKind.Mlp, hidden, 16, 128);
        var spec = new EnvironmentSpec("test", [obsSize], actions);
        using var net = new ActorCriticNet(model, spec);
        var snapshot = PolicyParameters.Capture(net, version: 5);
        using var managed = new ManagedMlpPolicy(obsSize, hidden, actions);
        using var libtorch = new LibtorchPolicy(model, spec);
        managed.Load(snapshot);
        libtorch.Load(snapshot);
        const int count = 9;
        var rng = new Rng(3);
        var observations = Enumerable.Range(0, count * obsSize).Select(_ => (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var a = new float[count * actions];
        var b = new float[count * actions];
        managed.Logits(observations, count, a);
        libtorch.Logits(observations, count, b);
        for (var i = 0; i < a.Length; i++) Assert.Equal(b[i], a[i], 4);
        Assert.Equal(5, managed.Version);
        Assert.Equal(5, libtorch.Version);
    }

    [Fact]
    public void AutoPolicy_Shallow_IsLibtorchAndMatchesTheLearnersForward()
    {
        TorchRuntime.ManualSeed(23);
        var model = TestSettings.Load("impala.env.name=minatar-freeway", "impala.model.kind=shallow").Model;
        var spec = Environments.Environments.SpecOf("minatar-freeway");
        using var net = new ActorCriticNet(model, spec);
        using var policy = ActingPolicies.Create(ActingPolicyKind.Auto, model, spec);
        Assert.IsType<LibtorchPolicy>(policy);
        policy.Load(PolicyParameters.Capture(net, version: 2));
        const int count = 5;
        var rng = new Rng(4);
        var observations = Enumerable.Range(0, count * spec.ObservationSize).Select(_ => rng.NextDouble() < 0.2 ? 1f : 0f).ToArray();
        var acted = new float[count * spec.ActionCount];
        policy.Logits(observations, count, acted);

        using var scope = TorchSharp.torch.NewDisposeScope();
        var (logits, _) = net.call(TensorData.From<float>(observations, [count, .. spec.ObservationShape.Select(d => (long)d)]));
        var learned = TensorData.ToArray<float>(logits);
        for (var i = 0; i < acted.Length; i++) Assert.Equal(learned[i], acted[i], 5);
    }

    [Fact]
    public void ManagedMlp_RejectsSnapshotOfAnotherShape()
    {
        TorchRuntime.ManualSeed(1);
        using var net = new ActorCriticNet(new ModelSettings(ModelKind.Mlp, [8], 16, 128), new EnvironmentSpec("t", [4], 2));
        using var managed = new ManagedMlpPolicy(4, [16], 2);
        Assert.Throws<ArgumentException>(() => managed.Load(PolicyParameters.Capture(net, 0)));
    }

    [Fact]
    public void Sampler_FollowsSoftmaxFrequencies()
    {
        var rng = new Rng(11);
        float[] logits = [0f, (float)Math.Log(3)]; // probabilities 1/4, 3/4
        var ones = Enumerable.Range(0, 40_000).Count(_ => CategoricalSampler.Sample(logits, rng) == 1);
        Assert.InRange(ones / 40_000.0, 0.74, 0.76);
    }
}
