namespace ImpalaAkka.Environments.Tests;

public sealed class CartPoleTests
{
    [Fact]
    public void Step_FromRest_PushRight_MatchesHandComputedEuler()
    {
        // From x = x_dot = theta = theta_dot = 0 with force +10:
        // temp = 10 / 1.1 = 100/11; theta_acc = (0 - 100/11) / (0.5 (4/3 - 0.1/1.1)) = -(100/11) / (41/66) = -600/41;
        // x_acc = 100/11 - 0.05 (-600/41) / 1.1 = 4400/451. Euler with tau = 0.02 updates positions from
        // the old velocities (0) and velocities from the accelerations: x_dot = 88/451, theta_dot = -12/41.
        var env = new CartPole();
        env.SetState(0, 0, 0, 0);
        var obs = new float[4];
        var result = env.Step(1, obs);
        var (x, xDot, theta, thetaDot) = env.State;
        Assert.Equal(0, x);
        Assert.Equal(88.0 / 451, xDot, 12);
        Assert.Equal(0, theta);
        Assert.Equal(-12.0 / 41, thetaDot, 12);
        Assert.Equal([0f, (float)(88.0 / 451), 0f, (float)(-12.0 / 41)], obs);
        Assert.Equal(new StepResult(1f, false, false), result);
    }

    [Fact]
    public void Step_SecondStep_UsesUpdatedVelocities()
    {
        // After the step above, a push left: positions move by tau times the previous velocities.
        var env = new CartPole();
        env.SetState(0, 0, 0, 0);
        var obs = new float[4];
        env.Step(1, obs);
        env.Step(0, obs);
        var (x, _, theta, _) = env.State;
        Assert.Equal(0.02 * 88.0 / 451, x, 12);
        Assert.Equal(0.02 * -12.0 / 41, theta, 12);
    }

    [Theory]
    [InlineData(2.39, 1.0, 0.0, 0.0, true)]    // x becomes 2.39 + 0.02 * 1.0 = 2.41 > 2.4
    [InlineData(-2.39, -1.0, 0.0, 0.0, true)]  // x becomes -2.41
    [InlineData(0.0, 0.0, 0.2094, 0.5, true)]  // theta becomes 0.2194 > 12 degrees (0.20944)
    [InlineData(0.0, 0.0, -0.2094, -0.5, true)]
    [InlineData(2.3, 1.0, 0.2, 0.0, false)]    // x 2.32, theta 0.2: both inside
    public void Step_TerminatesExactlyOutsideThresholds(double x0, double xDot0, double theta0, double thetaDot0, bool terminated)
    {
        var env = new CartPole();
        env.SetState(x0, xDot0, theta0, thetaDot0);
        var result = env.Step(1, new float[4]);
        Assert.Equal(terminated, result.Terminated);
        Assert.False(result.Truncated);
        Assert.Equal(1f, result.Reward);
    }

    [Fact]
    public void Step_500th_IsTruncatedNotTerminated()
    {
        var env = new CartPole();
        env.SetState(0, 0, 0, 0, stepCount: 499);
        var result = env.Step(0, new float[4]);
        Assert.True(result.Truncated);
        Assert.False(result.Terminated);
    }

    [Fact]
    public void Reset_SameSeed_SameStart_WithinGymBounds()
    {
        var a = new float[4];
        var b = new float[4];
        new CartPole().Reset(42, a);
        new CartPole().Reset(42, b);
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, -0.05f, 0.05f));
        new CartPole().Reset(43, b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Step_InvalidAction_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CartPole().Step(2, new float[4]));
    }
}
