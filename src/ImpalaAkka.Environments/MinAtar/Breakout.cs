namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// MinAtar's Breakout. The paddle (bottom row, starts in column 4) moves left or right; the ball starts in
/// row 3 at column 0 moving down-right or at column 9 moving down-left (one draw) and moves one diagonal cell
/// a frame. Walls and the ceiling reflect it; a brick it would enter is broken for +1 and the ball turns back
/// vertically, unless the previous frame also struck a brick, in which case it passes into the brick's cell.
/// On reaching row 9 it bounces vertically if it was above the paddle, reverses if it lands on the paddle,
/// and otherwise the game is over. The three brick rows (1 to 3) come back when the ball reaches row 9 with
/// none left. No ramping. Channels: 0 paddle, 1 ball, 2 trail (the ball's previous cell), 3 brick.
/// Returns: at least 0 and unbounded (bricks come back for as long as the ball is kept), so no range.
/// </summary>
public sealed class Breakout : IMinAtarGame
{
    public const int PaddleChannel = 0;
    public const int BallChannel = 1;
    public const int TrailChannel = 2;
    public const int BrickChannel = 3;

    private const int Last = MinAtarBoard.Size - 1;

    private static readonly MinAtarAction[] Minimal = [MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Right];

    // MinAtar's direction tables: a side wall mirrors x, the ceiling, a brick or a paddle bounce mirrors y,
    // landing on the paddle reverses both.
    private static readonly BreakoutDirection[] MirrorX =
        [BreakoutDirection.UpRight, BreakoutDirection.UpLeft, BreakoutDirection.DownLeft, BreakoutDirection.DownRight];
    private static readonly BreakoutDirection[] MirrorY =
        [BreakoutDirection.DownLeft, BreakoutDirection.DownRight, BreakoutDirection.UpRight, BreakoutDirection.UpLeft];
    private static readonly BreakoutDirection[] Reverse =
        [BreakoutDirection.DownRight, BreakoutDirection.DownLeft, BreakoutDirection.UpLeft, BreakoutDirection.UpRight];

    public Breakout() => Reset(new MinAtarRandom(0));

    public string Name => "minatar-breakout";

    public int Channels => 4;

    public IReadOnlyList<MinAtarAction> MinimalActions => Minimal;

    public ReturnRange? Returns => null;

    public int BallX { get; set; }

    public int BallY { get; set; }

    public BreakoutDirection BallDirection { get; set; }

    /// <summary>The paddle's column (it is always in row 9).</summary>
    public int Paddle { get; set; }

    /// <summary>The ball's cell before the last frame (the trail).</summary>
    public int LastX { get; set; }

    public int LastY { get; set; }

    /// <summary>Whether the last frame's move struck a brick.</summary>
    public bool Strike { get; set; }

    public bool Terminal { get; set; }

    public MinAtarGrid Bricks { get; } = new();

    public void Reset(MinAtarRandom random)
    {
        BallY = 3;
        (BallX, BallDirection) = random.RandInt(2) == 0 ? (0, BreakoutDirection.DownRight) : (Last, BreakoutDirection.DownLeft);
        Paddle = 4;
        Bricks.Clear();
        Bricks.Fill(1, 4, 0, MinAtarBoard.Size);
        Strike = false;
        LastX = BallX;
        LastY = BallY;
        Terminal = false;
    }

    public (int Reward, bool Terminal) Act(MinAtarAction action)
    {
        if (Terminal) return (0, true);
        if (action == MinAtarAction.Left) Paddle = Math.Max(0, Paddle - 1);
        else if (action == MinAtarAction.Right) Paddle = Math.Min(Last, Paddle + 1);

        LastX = BallX;
        LastY = BallY;
        var newX = BallX + (BallDirection is BreakoutDirection.UpRight or BreakoutDirection.DownRight ? 1 : -1);
        var newY = BallY + (BallDirection is BreakoutDirection.DownRight or BreakoutDirection.DownLeft ? 1 : -1);
        var reward = 0;
        var struck = false;
        if (newX is < 0 or > Last)
        {
            newX = Math.Clamp(newX, 0, Last);
            BallDirection = MirrorX[(int)BallDirection];
        }
        if (newY < 0)
        {
            newY = 0;
            BallDirection = MirrorY[(int)BallDirection];
        }
        else if (Bricks[newY, newX])
        {
            struck = true;
            if (!Strike)
            {
                reward = 1;
                Strike = true;
                Bricks[newY, newX] = false;
                newY = LastY;
                BallDirection = MirrorY[(int)BallDirection];
            }
        }
        else if (newY == Last)
        {
            if (Bricks.Count == 0) Bricks.Fill(1, 4, 0, MinAtarBoard.Size);
            if (BallX == Paddle)
            {
                BallDirection = MirrorY[(int)BallDirection];
                newY = LastY;
            }
            else if (newX == Paddle)
            {
                BallDirection = Reverse[(int)BallDirection];
                newY = LastY;
            }
            else
            {
                Terminal = true;
            }
        }
        if (!struck) Strike = false;
        BallX = newX;
        BallY = newY;
        return (reward, Terminal);
    }

    public void Write(Span<float> observation)
    {
        MinAtarBoard.Clear(observation, Channels);
        MinAtarBoard.Set(observation, BallChannel, BallY, BallX);
        MinAtarBoard.Set(observation, PaddleChannel, Last, Paddle);
        MinAtarBoard.Set(observation, TrailChannel, LastY, LastX);
        Bricks.Write(observation, BrickChannel);
    }
}
