using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Acting;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Tests.Model;

public sealed class RecurrentAgentTests
{
    private static readonly ModelSettings Lstm = new(ModelKind.Mlp, [16], 16, 128, Lstm: true, LstmSize: 8);
    private static readonly EnvironmentSpec Spec = new("test", [3], 2);

    [Fact]
    public void ForwardSequence_EqualsSteppingWithResetsAtEpisodeStarts()
    {
        TorchRuntime.ManualSeed(4);
        using var net = new ActorCriticNet(Lstm, Spec);
        using var scope = NewDisposeScope();
        const int steps = 5, b = 2;
        var obs = randn(steps * b, 3);
        var initial = randn(b, net.StateSize);
        // Column 1 starts a new episode at step 3.
        var keep = TensorData.From<float>([1, 1, 1, 1, 1, 1, 1, 0, 1, 1], steps, b);
        var (logits, baseline) = net.ForwardSequence(obs, initial, keep);

        var state = initial;
        var expectedLogits = new List<Tensor>();
        var expectedValues = new List<Tensor>();
        for (var s = 0; s < steps; s++)
        {
            state = state * keep[s].unsqueeze(1);
            var (l, v, next) = net.ForwardStep(obs.narrow(0, s * b, b), state);
            expectedLogits.Add(l);
            expectedValues.Add(v);
            state = next;
        }
        // One sequence and five steps multiply matrices of different shapes, which libtorch may reduce in a different
        // order (a suite run saw the last bit of one value differ): equal to 5 decimals, not bit for bit.
        var a = TensorData.ToArray<float>(logits);
        var e = TensorData.ToArray<float>(cat(expectedLogits));
        for (var i = 0; i < a.Length; i++) Assert.Equal(e[i], a[i], 5);
        var values = TensorData.ToArray<float>(baseline);
        var expected = TensorData.ToArray<float>(cat(expectedValues));
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++) Assert.Equal(expected[i], values[i], 5);
    }

    [Fact]
    public void LibtorchPolicy_CarriesStatePerEnvironment_AndResetsIt()
    {
        TorchRuntime.ManualSeed(5);
        using var net = new ActorCriticNet(Lstm, Spec);
        using var policy = new LibtorchPolicy(Lstm, Spec);
        policy.Load(PolicyParameters.Capture(net, 1));
        Assert.Equal(16, policy.StateSize);
        float[] obs = [0.1f, 0.2f, 0.3f, -0.1f, -0.2f, -0.3f];
        var logits = new float[4];
        var first = new float[16];
        policy.CopyState(0, first);
        Assert.All(first, v => Assert.Equal(0f, v));
        policy.Logits(obs, 2, logits);
        var after = new float[16];
        policy.CopyState(0, after);
        Assert.Contains(after, v => v != 0f);
        policy.ResetState(0);
        policy.CopyState(0, after);
        Assert.All(after, v => Assert.Equal(0f, v));
        policy.CopyState(1, after);
        Assert.Contains(after, v => v != 0f);
    }

    [Fact]
    public void FeedForwardForward_OnRecurrentAgent_Throws()
    {
        using var net = new ActorCriticNet(Lstm, Spec);
        using var scope = NewDisposeScope();
        Assert.Throws<InvalidOperationException>(() => net.call(zeros(1, 3)));
    }
}
