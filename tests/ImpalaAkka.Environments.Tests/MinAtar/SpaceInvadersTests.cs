using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

public sealed class SpaceInvadersTests
{
    private static SpaceInvaders Game() => Board.Started<SpaceInvaders>(0);

    // Only the given aliens, moving as asked; no alien shot due for a while unless asked.
    private static SpaceInvaders WithAliens(int direction, int moveTimer, params (int Y, int X)[] aliens)
    {
        var game = Game();
        game.Aliens.Clear();
        foreach (var (y, x) in aliens) game.Aliens[y, x] = true;
        (game.AlienDirection, game.AlienMoveTimer, game.AlienShotTimer) = (direction, moveTimer, 5);
        return game;
    }

    private static (int Y, int X)[] Cells(MinAtarGrid grid) =>
        [.. from y in Enumerable.Range(0, 10) from x in Enumerable.Range(0, 10) where grid[y, x] select (y, x)];

    [Fact]
    public void Write_AfterReset_CannonAndAWaveMovingLeft()
    {
        // Cannon (9, 5) = 95; aliens rows 0 to 3, columns 2 to 7, in channel 1 and in channel 2 (moving left).
        Assert.Equal([95, .. Board.Block(1, 0, 4, 2, 8), .. Board.Block(2, 0, 4, 2, 8)], Board.Ones(Board.Observe(Game())));
    }

    [Fact]
    public void Act_FireThenWait_BulletRisesARowAFrame_AndKillsTheAlienAbove()
    {
        var game = Game();
        var rewards = new List<int> { game.Act(MinAtarAction.Fire).Reward };
        Assert.Equal([(8, 5)], Cells(game.FriendlyBullets));
        for (var frame = 2; frame <= 6; frame++) rewards.Add(game.Act(MinAtarAction.None).Reward);
        Assert.Equal([0, 0, 0, 0, 0, 1], rewards);
        Assert.False(game.Aliens[3, 5]);
        Assert.Equal(23, game.Aliens.Count);
        Assert.Empty(Cells(game.FriendlyBullets));
    }

    [Fact]
    public void Act_FireEveryFrame_ShootsEveryFifthFrame()
    {
        var game = Game();
        var timers = new List<int>();
        for (var frame = 1; frame <= 6; frame++)
        {
            game.Act(MinAtarAction.Fire);
            timers.Add(game.ShotTimer);
        }
        Assert.Equal([4, 3, 2, 1, 0, 4], timers);
        Assert.Equal([(8, 5)], Cells(game.FriendlyBullets)); // the first shot hit (3, 5) in frame 6
    }

    [Fact]
    public void Act_MoveDue_WaveStepsSideways_AndWaitsTwelveFrames()
    {
        var game = Game();
        game.AlienMoveTimer = 0;
        game.Act(MinAtarAction.None);
        Assert.Equal(Board.Block(1, 0, 4, 1, 7), Board.Ones(Board.Observe(game)).Where(i => i is >= 100 and < 200));
        Assert.Equal((-1, 11), (game.AlienDirection, game.AlienMoveTimer));
    }

    [Fact]
    public void Act_MoveDueAtTheEdge_WaveTurnsAndStepsDown()
    {
        var game = WithAliens(-1, 0, (2, 0), (3, 1));
        Assert.Equal((0, false), game.Act(MinAtarAction.None));
        Assert.Equal([(3, 0), (4, 1)], Cells(game.Aliens));
        // Two aliens left: the next move is two frames away (counted down once already).
        Assert.Equal((1, 1), (game.AlienDirection, game.AlienMoveTimer));
        var obs = Board.Observe(game);
        Assert.Equal([(3, 0), (4, 1)], Board.Cells(obs, SpaceInvaders.AlienRightChannel));
        Assert.Empty(Board.Cells(obs, SpaceInvaders.AlienLeftChannel));
    }

    [Fact]
    public void Act_WaveStepsDownFromRow9_EndsTheGame_AndWrapsToRow0AsMinAtarsRoll()
    {
        var game = WithAliens(-1, 0, (9, 0));
        Assert.Equal((0, true), game.Act(MinAtarAction.None));
        Assert.Equal([(0, 0)], Cells(game.Aliens));
    }

    [Fact]
    public void Act_AlienSteppingOntoTheCannon_EndsTheGame()
    {
        var game = WithAliens(1, 0, (9, 4));
        Assert.Equal((0, true), game.Act(MinAtarAction.None));
    }

    [Theory]
    [InlineData(5, 3, 8)] // columns 1 and 8 are 4 and 3 away: the lowest alien of column 8
    [InlineData(4, 2, 1)] // columns 1 and 8 are 3 and 4 away
    public void Act_ShotDue_TheNearestColumnsLowestAlienFires(int cannon, int y, int x)
    {
        var game = WithAliens(1, 5, (2, 1), (1, 8), (3, 8));
        (game.CannonX, game.AlienShotTimer) = (cannon, 0);
        game.Act(MinAtarAction.None);
        Assert.Equal([(y, x)], Cells(game.EnemyBullets));
        Assert.Equal(9, game.AlienShotTimer);
    }

    [Fact]
    public void Act_ShotDueWithTwoColumnsEquallyNear_TheLeftOneFires()
    {
        var game = WithAliens(1, 5, (1, 3), (2, 7));
        game.AlienShotTimer = 0;
        game.Act(MinAtarAction.None);
        Assert.Equal([(1, 3)], Cells(game.EnemyBullets));
    }

    [Theory]
    [InlineData(MinAtarAction.None, true)]
    [InlineData(MinAtarAction.Left, false)] // the cannon moves before the bullet lands
    public void Act_AlienBulletReachingTheCannon_EndsTheGame(MinAtarAction action, bool terminal)
    {
        var game = Game();
        game.EnemyBullets[8, 5] = true;
        Assert.Equal((0, terminal), game.Act(action));
        Assert.Equal([(9, 5)], Cells(game.EnemyBullets));
        if (!terminal)
        {
            game.Act(MinAtarAction.None);
            Assert.Empty(Cells(game.EnemyBullets));
        }
    }

    [Theory]
    [InlineData(12, 11, 1)]
    [InlineData(6, 6, 0)] // the interval's floor
    public void Act_LastAlienShot_NewWaveComesFaster(int interval, int newInterval, int rampIndex)
    {
        var game = WithAliens(1, 5, (3, 5));
        game.EnemyMoveInterval = interval;
        game.FriendlyBullets[4, 5] = true;
        Assert.Equal((1, false), game.Act(MinAtarAction.None));
        Assert.Equal((newInterval, rampIndex), (game.EnemyMoveInterval, game.RampIndex));
        Assert.Equal(Board.Block(1, 0, 4, 2, 8), Board.Ones(Board.Observe(game)).Where(i => i is >= 100 and < 200));
    }

    [Fact]
    public void Act_AlienSteppingOntoABullet_IsShot_AndFewerAliensMoveSooner()
    {
        var game = WithAliens(1, 0, (3, 4), (0, 2), (0, 3));
        game.FriendlyBullets[4, 5] = true;
        Assert.Equal((1, false), game.Act(MinAtarAction.None));
        Assert.Equal([(0, 3), (0, 4)], Cells(game.Aliens));
        Assert.Empty(Cells(game.FriendlyBullets));
        // Three aliens when it moved: min(3, 12) frames, counted down once.
        Assert.Equal(2, game.AlienMoveTimer);
    }
}
