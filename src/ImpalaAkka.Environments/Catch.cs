namespace ImpalaAkka.Environments;

/// <summary>
/// bsuite's Catch: a 10 x 5 board; the ball starts in row 0 at a random column and falls one row
/// per step; the paddle starts in the bottom row's middle column (2) and moves left, stays or
/// moves right (actions 0, 1, 2), clipped to the board. When the ball reaches the bottom row the
/// episode terminates with +1 if the paddle is under it, else -1; every other step gives 0.
/// Episodes are 9 steps. Observation: the board [1, 10, 5] with 1 at the ball and the paddle.
/// </summary>
public sealed class Catch : IEnvironment
{
    public const int Rows = 10;
    public const int Columns = 5;

    private int ballX, ballY, paddleX;
    private Random random = new(0);

    // One reward per episode, +1 or -1, at its last step.
    public static readonly EnvironmentSpec Specification = new("catch", [1, Rows, Columns], 3, new ReturnRange(-1, 1));

    public EnvironmentSpec Spec => Specification;

    public (int BallX, int BallY, int PaddleX) State => (ballX, ballY, paddleX);

    /// <summary>Each Reset(seed) draws the ball column from that seed.</summary>
    public void Reset(int seed, Span<float> observation)
    {
        random = new Random(seed);
        ballX = random.Next(Columns);
        ballY = 0;
        paddleX = Columns / 2;
        Write(observation);
    }

    public StepResult Step(int action, Span<float> observation)
    {
        if (action is < 0 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Catch actions are 0 (left), 1 (stay), 2 (right)");
        }
        paddleX = Math.Clamp(paddleX + action - 1, 0, Columns - 1);
        ballY++;
        Write(observation);
        if (ballY == Rows - 1)
        {
            return new StepResult(paddleX == ballX ? 1f : -1f, Terminated: true, Truncated: false);
        }
        return new StepResult(0f, false, false);
    }

    private void Write(Span<float> observation)
    {
        observation[..(Rows * Columns)].Clear();
        observation[ballY * Columns + ballX] = 1f;
        observation[(Rows - 1) * Columns + paddleX] = 1f;
    }
}
