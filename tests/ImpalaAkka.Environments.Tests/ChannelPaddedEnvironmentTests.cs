using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests;

public sealed class ChannelPaddedEnvironmentTests
{
    [Theory]
    [InlineData("minatar-asterix")]
    [InlineData("minatar-breakout")]
    [InlineData("minatar-freeway")]
    [InlineData("minatar-seaquest")]
    [InlineData("minatar-space-invaders")]
    public void Step_PaddedTo10Channels_OwnChannelsFirstThenZeros_OverAStaleBuffer(string name)
    {
        var plain = Environments.Create(name);
        var padded = new ChannelPaddedEnvironment(Environments.Create(name), 10);
        var own = plain.Spec.ObservationSize;
        var expected = new float[own];
        var obs = new float[padded.Spec.ObservationSize];
        var policy = new MinAtarRandom(3);
        Assert.Equal((name, "10,10,10", 6), (padded.Spec.Name, string.Join(",", padded.Spec.ObservationShape), padded.Spec.ActionCount));
        Assert.Equal(plain.Spec.Returns, padded.Spec.Returns);

        obs.AsSpan().Fill(7);
        plain.Reset(5, expected);
        padded.Reset(5, obs);
        for (var t = 0; t < 300; t++)
        {
            Assert.Equal(expected, obs[..own]);
            Assert.True(obs.AsSpan(own).IndexOfAnyExcept(0f) < 0, $"step {t}: a padding channel of {name} is not zero");
            obs.AsSpan(own).Fill(7);
            var action = policy.RandInt(6);
            var (want, got) = (plain.Step(action, expected), padded.Step(action, obs));
            Assert.Equal(want, got);
            if (got.Done)
            {
                plain.Reset(t, expected);
                padded.Reset(t, obs);
            }
        }
    }

    [Fact]
    public void Step_ThousandsOfStepsAndResets_AllocateNothing()
    {
        Assert.Equal(0, StepAllocations.Of(new ChannelPaddedEnvironment(Environments.Create("minatar-seaquest"), 12)));
    }

    [Fact]
    public void New_FewerChannelsThanTheGame_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new ChannelPaddedEnvironment(Environments.Create("minatar-seaquest"), 6));
        Assert.StartsWith("minatar-seaquest: cannot pad [10, 10, 10] to 6 channels", e.Message);
    }

    [Fact]
    public void MultiTaskSpec_MinAtarGames_MaxChannelsAndSixActions_OtherShapesRefused()
    {
        var games = MinAtarEnvironment.Names.Select(Environments.SpecOf).ToList();
        var spec = MultiTaskSpec.Of("multi-task", games);
        Assert.Equal(("multi-task", "10,10,10", 6), (spec.Name, string.Join(",", spec.ObservationShape), spec.ActionCount));
        var e = Assert.Throws<ArgumentException>(() => MultiTaskSpec.Of("m", [games[0], Environments.SpecOf("catch")]));
        Assert.Equal("observations must be [C, H, W] with the same H and W: minatar-asterix [4, 10, 10], catch [1, 10, 5]", e.Message);
    }
}
