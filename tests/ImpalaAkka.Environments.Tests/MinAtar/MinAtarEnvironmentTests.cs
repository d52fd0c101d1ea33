using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

public sealed class MinAtarEnvironmentTests
{
    private static readonly MinAtarOptions Minimal = new(MinAtarActions.Minimal);

    public static TheoryData<string> Games => [.. MinAtarEnvironment.Names];

    [Theory]
    [InlineData("minatar-asterix", 4, 5)]
    [InlineData("minatar-breakout", 4, 3)]
    [InlineData("minatar-freeway", 7, 3)]
    [InlineData("minatar-seaquest", 10, 6)]
    [InlineData("minatar-space-invaders", 6, 4)]
    public void Spec_EachGame_HasMinAtarsChannelsAndActionCounts(string name, int channels, int minimalActions)
    {
        var full = Environments.SpecOf(name);
        var minimal = MinAtarEnvironment.Create(name, Minimal).Spec;
        Assert.Equal((name, 6), (full.Name, full.ActionCount));
        Assert.Equal((name, minimalActions), (minimal.Name, minimal.ActionCount));
        Assert.Equal([channels, 10, 10], full.ObservationShape);
        Assert.Equal([channels, 10, 10], minimal.ObservationShape);
        Assert.Equal(full.Returns, minimal.Returns);
    }

    [Theory]
    [InlineData("minatar-asterix")]
    [InlineData("minatar-breakout")]
    [InlineData("minatar-seaquest")]
    [InlineData("minatar-space-invaders")]
    public void Spec_GameWithoutALengthLimit_DeclaresNoReturnRange(string name)
    {
        Assert.Null(Environments.SpecOf(name).Returns);
    }

    [Theory]
    [InlineData("minatar-asterix", new[] { MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Up, MinAtarAction.Right, MinAtarAction.Down })]
    [InlineData("minatar-breakout", new[] { MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Right })]
    [InlineData("minatar-freeway", new[] { MinAtarAction.None, MinAtarAction.Up, MinAtarAction.Down })]
    [InlineData("minatar-seaquest", new[] { MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Up, MinAtarAction.Right, MinAtarAction.Down, MinAtarAction.Fire })]
    [InlineData("minatar-space-invaders", new[] { MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Right, MinAtarAction.Fire })]
    public void Actions_MinimalSet_IsMinAtarsMinimalActionSet(string name, MinAtarAction[] expected)
    {
        Assert.Equal(expected, MinAtarEnvironment.Create(name, Minimal).Actions);
        Assert.Equal(Enum.GetValues<MinAtarAction>(), MinAtarEnvironment.Create(name).Actions);
    }

    [Fact]
    public void Step_MinimalBreakoutIndex2_MovesThePaddleRight_WhereFullIndex2IsUp()
    {
        var minimal = new MinAtarEnvironment(new Breakout(), Minimal with { StickyActionProbability = 0 });
        var full = new MinAtarEnvironment(new Breakout(), new MinAtarOptions(StickyActionProbability: 0));
        var obs = new float[400];
        minimal.Reset(0, obs);
        full.Reset(0, obs);
        minimal.Step(2, obs);
        full.Step(2, obs);
        Assert.Equal((MinAtarAction.Right, 5), (minimal.LastAction, ((Breakout)minimal.Game).Paddle));
        Assert.Equal((MinAtarAction.Up, 4), (full.LastAction, ((Breakout)full.Game).Paddle));
    }

    [Fact]
    public void Step_StickyDraws_RepeatThePreviousAction()
    {
        // Space Invaders draws nothing itself, so step t's sticky draw is RandomState(0).rand() number t:
        // 0.5488 0.7152 0.6028 0.5449 0.4237 0.6459 0.4376 0.8918 0.9637 0.3834 0.7917 0.5289 0.5680 0.9256
        // then 0.0710 0.0871 0.0202 (steps 15 to 17, below 0.1: sticky) and 0.8326.
        // Step 14 plays Left; steps 15 to 18 choose Right: 15 to 17 play Left again, 18 plays Right.
        var env = Environments.Create("minatar-space-invaders");
        var game = (SpaceInvaders)((MinAtarEnvironment)env).Game;
        var obs = new float[600];
        env.Reset(0, obs);
        for (var t = 1; t <= 13; t++) env.Step(0, obs);
        var cannon = new List<int>();
        foreach (var action in (int[])[1, 3, 3, 3, 3])
        {
            Assert.False(env.Step(action, obs).Done);
            cannon.Add(game.CannonX);
        }
        Assert.Equal([4, 3, 2, 1, 2], cannon);
        Assert.Equal(MinAtarAction.Right, ((MinAtarEnvironment)env).LastAction);
    }

    [Fact]
    public void Step_StickyProbabilityZero_PlaysEveryChosenAction()
    {
        var env = MinAtarEnvironment.Create("minatar-space-invaders", new MinAtarOptions(StickyActionProbability: 0));
        var obs = new float[600];
        env.Reset(0, obs);
        for (var t = 1; t <= 13; t++) env.Step(0, obs);
        var cannon = new List<int>();
        foreach (var action in (int[])[1, 3, 3, 3, 3])
        {
            env.Step(action, obs);
            cannon.Add(((SpaceInvaders)env.Game).CannonX);
        }
        Assert.Equal([4, 5, 6, 7, 8], cannon);
    }

    [Fact]
    public void Reset_AfterSteps_ForgetsThePreviousAction()
    {
        var env = MinAtarEnvironment.Create("minatar-space-invaders");
        var obs = new float[600];
        env.Reset(0, obs);
        env.Step(5, obs);
        Assert.Equal(MinAtarAction.Fire, env.LastAction);
        env.Reset(0, obs);
        Assert.Equal(MinAtarAction.None, env.LastAction);
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void Episodes_SameSeedAndActions_SameObservations(string name)
    {
        static List<float[]> Play(string name, int seed)
        {
            var env = Environments.Create(name);
            var actions = new Random(3);
            var obs = new float[env.Spec.ObservationSize];
            env.Reset(seed, obs);
            var seen = new List<float[]> { (float[])obs.Clone() };
            for (var t = 0; t < 300; t++)
            {
                if (env.Step(actions.Next(6), obs).Done) env.Reset(seed + t, obs);
                seen.Add((float[])obs.Clone());
            }
            return seen;
        }

        Assert.Equal(Play(name, 17), Play(name, 17));
        // Every game draws sticky actions from the seed, so another seed plays other actions.
        Assert.NotEqual(Play(name, 17), Play(name, 18));
    }

    [Theory]
    [MemberData(nameof(Games))]
    public void Step_ThousandsOfStepsAndResets_AllocateNothing(string name)
    {
        Assert.Equal(0, StepAllocations.Of(Environments.Create(name)));
    }

    [Theory]
    [InlineData("minatar-breakout", 3)]
    [InlineData("minatar-breakout", -1)]
    [InlineData("minatar-freeway", 3)]
    public void Step_IndexOutsideTheMinimalSet_Throws(string name, int action)
    {
        var env = MinAtarEnvironment.Create(name, Minimal);
        var obs = new float[env.Spec.ObservationSize];
        env.Reset(0, obs);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Step(action, obs));
        Assert.Throws<ArgumentOutOfRangeException>(() => Environments.Create(name).Step(6, obs));
    }

    [Fact]
    public void Create_UnknownGame_ListsTheKnownOnes()
    {
        Assert.Contains("known: minatar-asterix, minatar-breakout", Assert.Throws<ArgumentException>(() => MinAtarEnvironment.Create("minatar-pong")).Message);
    }

    [Fact]
    public void Names_AreRegisteredWithTheEnvironments()
    {
        Assert.Equal(["cartpole", "catch", "minatar-asterix", "minatar-breakout", "minatar-freeway", "minatar-seaquest", "minatar-space-invaders"], Environments.Names);
        Assert.All(MinAtarEnvironment.Names, name => Assert.IsType<MinAtarEnvironment>(Environments.Create(name)));
    }

    [Fact]
    public void Options_StickyProbabilityOutsideZeroToOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MinAtarEnvironment(new Breakout(), new MinAtarOptions(StickyActionProbability: 1.5)));
    }
}
