namespace ImpalaAkka.Environments;

/// <summary>
/// CartPole-v1 with Gym's published dynamics: gravity 9.8, cart mass 1.0, pole mass 0.1, pole
/// half-length 0.5, force 10, tau 0.02, explicit Euler; the episode terminates when |x| > 2.4 or
/// |theta| > 12 degrees, and is truncated after 500 steps. Reward 1 every step (the terminating
/// one included). Observation: [x, x_dot, theta, theta_dot]; actions: 0 push left, 1 push right.
/// The state starts uniform in [-0.05, 0.05]^4. Physics in double precision, as Gym's.
/// </summary>
public sealed class CartPole : IEnvironment
{
    public const double Gravity = 9.8;
    public const double MassCart = 1.0;
    public const double MassPole = 0.1;
    public const double TotalMass = MassCart + MassPole;
    public const double Length = 0.5;
    public const double PoleMassLength = MassPole * Length;
    public const double ForceMagnitude = 10.0;
    public const double Tau = 0.02;
    public const double ThetaThreshold = 12 * 2 * Math.PI / 360;
    public const double XThreshold = 2.4;
    public const int MaxSteps = 500;

    private double x, xDot, theta, thetaDot;
    private int steps;

    // Reward 1 per step for at most MaxSteps steps.
    public static readonly EnvironmentSpec Specification = new("cartpole", [4], 2, new ReturnRange(0, MaxSteps));

    public EnvironmentSpec Spec => Specification;

    /// <summary>The physical state [x, x_dot, theta, theta_dot].</summary>
    public (double X, double XDot, double Theta, double ThetaDot) State => (x, xDot, theta, thetaDot);

    public void Reset(int seed, Span<float> observation)
    {
        var random = new Random(seed);
        x = random.NextDouble() * 0.1 - 0.05;
        xDot = random.NextDouble() * 0.1 - 0.05;
        theta = random.NextDouble() * 0.1 - 0.05;
        thetaDot = random.NextDouble() * 0.1 - 0.05;
        steps = 0;
        Write(observation);
    }

    /// <summary>Sets the state directly (tests pin the dynamics from a known state).</summary>
    public void SetState(double x0, double xDot0, double theta0, double thetaDot0, int stepCount = 0)
    {
        (x, xDot, theta, thetaDot, steps) = (x0, xDot0, theta0, thetaDot0, stepCount);
    }

    public StepResult Step(int action, Span<float> observation)
    {
        if (action is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "CartPole actions are 0 (left) and 1 (right)");
        }
        var force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        var cos = Math.Cos(theta);
        var sin = Math.Sin(theta);
        var temp = (force + PoleMassLength * thetaDot * thetaDot * sin) / TotalMass;
        var thetaAcc = (Gravity * sin - cos * temp) / (Length * (4.0 / 3.0 - MassPole * cos * cos / TotalMass));
        var xAcc = temp - PoleMassLength * thetaAcc * cos / TotalMass;
        x += Tau * xDot;
        xDot += Tau * xAcc;
        theta += Tau * thetaDot;
        thetaDot += Tau * thetaAcc;
        steps++;
        Write(observation);
        var terminated = x < -XThreshold || x > XThreshold || theta < -ThetaThreshold || theta > ThetaThreshold;
        return new StepResult(1f, terminated, !terminated && steps >= MaxSteps);
    }

    private void Write(Span<float> observation)
    {
        observation[0] = (float)x;
        observation[1] = (float)xDot;
        observation[2] = (float)theta;
        observation[3] = (float)thetaDot;
    }
}
