namespace ImpalaAkka.Environments.Tests;

public sealed class CatchTests
{
    private static int[] Ones(float[] obs) => obs.Select((v, i) => (v, i)).Where(p => p.v == 1f).Select(p => p.i).ToArray();

    [Fact]
    public void Reset_BallInTopRow_PaddleBottomMiddle()
    {
        var env = new Catch();
        var obs = new float[50];
        env.Reset(7, obs);
        var (ballX, ballY, paddleX) = env.State;
        Assert.Equal(0, ballY);
        Assert.Equal(2, paddleX);
        Assert.Equal([ballX, 9 * 5 + 2], Ones(obs));
    }

    [Fact]
    public void Episode_IsNineSteps_AndCatchingGivesPlusOne()
    {
        var env = new Catch();
        var obs = new float[50];
        env.Reset(3, obs);
        var ballX = env.State.BallX;
        StepResult result = default;
        for (var t = 0; t < 9; t++)
        {
            Assert.False(result.Done);
            var paddle = env.State.PaddleX;
            result = env.Step(paddle < ballX ? 2 : paddle > ballX ? 0 : 1, obs);
            Assert.Equal(t + 1, env.State.BallY);
            if (t < 8) Assert.Equal(0f, result.Reward);
        }
        Assert.True(result.Terminated);
        Assert.Equal(1f, result.Reward);
        Assert.Equal([9 * 5 + ballX], Ones(obs)); // ball and paddle share the cell
    }

    [Fact]
    public void Missing_GivesMinusOne()
    {
        var env = new Catch();
        var obs = new float[50];
        env.Reset(3, obs);
        var ballX = env.State.BallX;
        var away = ballX <= 2 ? 2 : 0; // always move away from the ball's side
        StepResult result = default;
        for (var t = 0; t < 9; t++) result = env.Step(away, obs);
        Assert.True(result.Terminated);
        Assert.Equal(-1f, result.Reward);
    }

    [Fact]
    public void Paddle_IsClippedToTheBoard()
    {
        var env = new Catch();
        var obs = new float[50];
        env.Reset(0, obs);
        for (var t = 0; t < 4; t++) env.Step(0, obs);
        Assert.Equal(0, env.State.PaddleX);
    }

    [Fact]
    public void Reset_SeedsCoverEveryColumn()
    {
        var env = new Catch();
        var obs = new float[50];
        var columns = Enumerable.Range(0, 200).Select(seed =>
        {
            env.Reset(seed, obs);
            return env.State.BallX;
        }).Distinct().Order();
        Assert.Equal([0, 1, 2, 3, 4], columns);
    }

    [Fact]
    public void FaultInjection_ThrowsEveryNthStep()
    {
        var env = new FaultInjectingEnvironment(new Catch(), everySteps: 3);
        var obs = new float[50];
        env.Reset(0, obs);
        env.Step(1, obs);
        env.Step(1, obs);
        Assert.Throws<InjectedEnvironmentFault>(() => env.Step(1, obs));
        env.Step(1, obs);
    }

    [Fact]
    public void Factory_UnknownName_ListsKnownOnes()
    {
        Assert.Contains("known: cartpole, catch", Assert.Throws<ArgumentException>(() => Environments.Create("pong")).Message);
    }
}
