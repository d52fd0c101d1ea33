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
