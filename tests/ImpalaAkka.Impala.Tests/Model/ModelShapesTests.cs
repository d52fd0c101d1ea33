using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Tests.Model;

/// <summary>
/// <see cref="ModelShapes"/> is what checkpoints, parameter messages and size limits are checked
/// against before libtorch runs, so it must name and size every parameter exactly as the module registers it.
/// </summary>
public sealed class ModelShapesTests
{
    public static TheoryData<string, string> Models() => new()
    {
        { "cartpole", "impala.model.kind=mlp" },
        { "cartpole", "impala.model.kind=mlp;impala.model.hidden=[5, 7, 3];impala.model.lstm=true;impala.model.lstm-size=6" },
        { "catch", "impala.model.kind=conv" },
        { "minatar-breakout", "impala.model.kind=conv;impala.model.lstm=true;impala.model.lstm-size=8" },
        { "minatar-breakout", "impala.model.kind=shallow" },
        { "minatar-seaquest", "impala.model.kind=shallow;impala.model.shallow-channels=[3, 5];impala.model.shallow-fc=7" },
        { "minatar-space-invaders", "impala.model.kind=shallow;impala.model.lstm=true;impala.model.lstm-size=8" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Of_EqualsTheModulesRegisteredNamesAndShapes_InOrder(string env, string model)
    {
        var (settings, spec) = Load(env, model);
        using var net = new ActorCriticNet(settings, spec);

        var expected = ModelShapes.Of(settings, spec).Select(p => $"{p.Name} [{string.Join(", ", p.Shape)}]");
        var actual = net.named_parameters().Select(p => $"{p.name} [{string.Join(", ", p.parameter.shape)}]");

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ParameterCount_Shallow_IsThePapersSizesOnTheGrid()
    {
        var (settings, spec) = Load("minatar-breakout", "impala.model.kind=shallow");
        long c = spec.ObservationShape[0], a = spec.ActionCount;
        var expected = (16 * c * 9 + 16) + (32 * 16 * 9 + 32) + (256 * 32 * 100 + 256) + (a * 256 + a) + (256 + 1);
        Assert.Equal(expected, ModelShapes.ParameterCount(settings, spec));
    }

    [Theory]
    [InlineData("impala.model.kind=shallow")]
    [InlineData("impala.model.kind=shallow;impala.model.lstm=true;impala.model.lstm-size=8")]
    public void Forward_Shallow_GivesLogitsPerActionAndOneBaselinePerObservation(string model)
    {
        const int n = 3;
        var (settings, spec) = Load("minatar-asterix", model);
        using var net = new ActorCriticNet(settings, spec);
        using var scope = NewDisposeScope();
        var observations = rand([n, .. spec.ObservationShape.Select(d => (long)d)]);

        if (net.IsRecurrent)
        {
            var (logits, baseline, state) = net.ForwardStep(observations, zeros(n, net.StateSize));
            AssertHeads(logits, baseline);
            Assert.Equal([n, 16L], state.shape);
        }
        else
        {
            var (logits, baseline) = net.call(observations);
            AssertHeads(logits, baseline);
        }

        void AssertHeads(Tensor logits, Tensor baseline)
        {
            Assert.Equal([n, (long)spec.ActionCount], logits.shape);
            Assert.Equal([(long)n], baseline.shape);
        }
    }

    private static (ModelSettings, EnvironmentSpec) Load(string env, string model) =>
        (TestSettings.Load([$"impala.env.name={env}", .. model.Split(';')]).Model, Environments.Environments.SpecOf(env));
}
