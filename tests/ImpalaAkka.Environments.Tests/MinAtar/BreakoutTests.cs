using ImpalaAkka.Environments.MinAtar;
using static ImpalaAkka.Environments.MinAtar.BreakoutDirection;

namespace ImpalaAkka.Environments.Tests.MinAtar;

public sealed class BreakoutTests
{
    private static Breakout Game(uint seed = 0) => Board.Started<Breakout>(seed);

    // A game with the ball placed and no bricks unless asked for.
    private static Breakout Placed(int x, int y, BreakoutDirection direction, int paddle = 4, bool bricks = false)
    {
        var game = Game();
        (game.BallX, game.BallY, game.BallDirection, game.Paddle, game.LastX, game.LastY) = (x, y, direction, paddle, x, y);
        if (!bricks) game.Bricks.Clear();
        return game;
    }

    [Theory]
    [InlineData(0, 0, DownRight)] // RandomState(0).randint(2) = 0
    [InlineData(1, 9, DownLeft)]  // RandomState(1).randint(2) = 1
    public void Reset_OneDraw_PicksTheBallsCornerAndDirection(uint seed, int ballX, BreakoutDirection direction)
    {
        var game = Game(seed);
        Assert.Equal((ballX, 3, direction, 4, false), (game.BallX, game.BallY, game.BallDirection, game.Paddle, game.Strike));
        Assert.Equal(30, game.Bricks.Count);
    }

    [Fact]
    public void Write_AfterReset_PaddleBallTrailBricksInMinAtarsChannels()
    {
        // Channels 0 paddle (9, 4), 1 ball (3, 0), 2 trail (3, 0: no move yet), 3 bricks rows 1 to 3.
        Assert.Equal([94, 130, 230, .. Board.Block(3, 1, 4, 0, 10)], Board.Ones(Board.Observe(Game())));
    }

    [Fact]
    public void Act_IntoABrick_BreaksItForOne_AndTurnsBackVertically()
    {
        var game = Placed(5, 5, UpRight, bricks: true);
        var rewards = new List<int> { game.Act(MinAtarAction.None).Reward };
        Assert.Equal((6, 4), (game.BallX, game.BallY));
        rewards.Add(game.Act(MinAtarAction.None).Reward);
        // It would have entered (3, 7): the brick goes, the ball stays in row 4 and now heads down-right.
        Assert.Equal((7, 4, DownRight, true), (game.BallX, game.BallY, game.BallDirection, game.Strike));
        Assert.False(game.Bricks[3, 7]);
        Assert.Equal(29, game.Bricks.Count);
        rewards.Add(game.Act(MinAtarAction.None).Reward);
        Assert.Equal((8, 5, false), (game.BallX, game.BallY, game.Strike));
        Assert.Equal([0, 1, 0], rewards);
    }

    [Fact]
    public void Act_BrickRightAfterAStrike_BallPassesIntoItWithoutReward()
    {
        var game = Placed(4, 5, UpRight);
        game.Bricks[4, 5] = true;
        game.Bricks[6, 6] = true;
        Assert.Equal((1, false), game.Act(MinAtarAction.None));
        Assert.Equal((5, 5, DownRight), (game.BallX, game.BallY, game.BallDirection));
        Assert.Equal((0, false), game.Act(MinAtarAction.None));
        // Still striking: no reward, the brick stays and the ball shares its cell.
        Assert.Equal((6, 6, DownRight, true), (game.BallX, game.BallY, game.BallDirection, game.Strike));
        Assert.True(game.Bricks[6, 6]);
        var obs = Board.Observe(game);
        Assert.Equal([(6, 6)], Board.Cells(obs, Breakout.BallChannel));
        Assert.Equal([(6, 6)], Board.Cells(obs, Breakout.BrickChannel));
        Assert.Equal([(5, 5)], Board.Cells(obs, Breakout.TrailChannel));
        game.Act(MinAtarAction.None);
        Assert.Equal((7, 7, false), (game.BallX, game.BallY, game.Strike));
    }

    [Theory]
    [InlineData(0, 5, UpLeft, 0, 4, UpRight)]      // left wall: x stays 0, y still moves
    [InlineData(9, 5, DownRight, 9, 6, DownLeft)]  // right wall
    [InlineData(5, 0, UpRight, 6, 0, DownRight)]   // ceiling: y stays 0, x still moves
    [InlineData(9, 0, UpRight, 9, 0, DownLeft)]    // corner: both mirrors
    public void Act_WallOrCeiling_Reflects(int x, int y, BreakoutDirection direction, int newX, int newY, BreakoutDirection newDirection)
    {
        var game = Placed(x, y, direction);
        Assert.Equal((0, false), game.Act(MinAtarAction.None));
        Assert.Equal((newX, newY, newDirection), (game.BallX, game.BallY, game.BallDirection));
        Assert.Equal((x, y), (game.LastX, game.LastY));
    }

    [Theory]
    [InlineData(4, 4, MinAtarAction.None, 5, 8, UpRight)]  // above the paddle: bounces up, keeps moving right
    [InlineData(3, 4, MinAtarAction.None, 4, 8, UpLeft)]   // lands on the paddle: reverses
    [InlineData(3, 5, MinAtarAction.Left, 4, 8, UpLeft)]   // the paddle moves first, onto the landing cell
    public void Act_BallReachingTheBottomAtThePaddle_BouncesBackToRow8(int ballX, int paddle, MinAtarAction action, int newX, int newY, BreakoutDirection newDirection)
    {
        var game = Placed(ballX, 8, DownRight, paddle, bricks: true);
        Assert.Equal((0, false), game.Act(action));
        Assert.Equal((newX, newY, newDirection), (game.BallX, game.BallY, game.BallDirection));
    }

    [Fact]
    public void Act_BallMissingThePaddle_EndsTheGame_ThenNothingChanges()
    {
        var game = Placed(3, 8, DownRight, paddle: 6, bricks: true);
        Assert.Equal((0, true), game.Act(MinAtarAction.None));
        Assert.Equal((4, 9), (game.BallX, game.BallY));
        Assert.Equal((0, true), game.Act(MinAtarAction.Right));
        Assert.Equal((4, 9, 6), (game.BallX, game.BallY, game.Paddle));
    }

    [Theory]
    [InlineData(4)] // bounced
    [InlineData(8)] // missed
    public void Act_BottomReachedWithNoBricksLeft_BringsBackThreeRows(int paddle)
    {
        var game = Placed(4, 8, DownRight, paddle);
        game.Act(MinAtarAction.None);
        Assert.Equal(30, game.Bricks.Count);
        Assert.Equal(Board.Block(3, 1, 4, 0, 10), Board.Ones(Board.Observe(game)).Where(i => i >= 300));
    }

    [Fact]
    public void Act_LeftAndRight_MoveThePaddleWithinTheBoard()
    {
        var game = Placed(5, 5, UpRight, paddle: 1);
        var paddle = new List<int>();
        foreach (var action in (MinAtarAction[])[MinAtarAction.Left, MinAtarAction.Left, MinAtarAction.Up, MinAtarAction.Fire, MinAtarAction.Right])
        {
            game.Act(action);
            paddle.Add(game.Paddle);
        }
        Assert.Equal([0, 0, 0, 0, 1], paddle);
    }
}
