using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

public sealed class SeaquestTests
{
    private static Seaquest Game() => Board.Started<Seaquest>(0);

    // The sub below the surface at (x, y), no spawn due in the next frames.
    private static Seaquest Diving(int x, int y, bool facingRight = false)
    {
        var game = Game();
        (game.SubX, game.SubY, game.FacingRight, game.Surfaced) = (x, y, facingRight, false);
        return game;
    }

    [Fact]
    public void Write_AfterReset_SubOnTheSurfaceFacingLeft_FullOxygen()
    {
        // Front (0, 5) = 5, back (0, 6) in channel 1, the oxygen gauge's ten cells in row 9 of channel 7.
        Assert.Equal([5, 106, .. Board.Block(7, 9, 10, 0, 10)], Board.Ones(Board.Observe(Game())));
    }

    [Fact]
    public void Write_EveryKindOfObject_InMinAtarsChannels()
    {
        var game = Diving(4, 5, facingRight: true);
        game.Fish.Add(new SeaquestEntity(2, 3, MovesRight: true, MoveTimer: 3));
        game.EnemySubs.Add(new SeaquestEntity(7, 6, MovesRight: false, MoveTimer: 3, ShotTimer: 4));
        game.Divers.Add(new SeaquestEntity(0, 8, MovesRight: true, MoveTimer: 3));
        game.FriendlyBullets.Add(new SeaquestBullet(6, 5, true));
        game.EnemyBullets.Add(new SeaquestBullet(1, 1, false));
        (game.Oxygen, game.DiverCount) = (100, 2);
        // Front (5, 4) 54, back (5, 3) 153, our bullet 256, trails of the fish (3, 1) 331 and the sub (6, 8) 368 (none
        // for the diver at the edge), enemy bullet 411, fish 532, enemy sub 667, oxygen 100 / 20 = 5 cells,
        // 2 divers in columns 7 and 8 of row 9, diver 980.
        int[] expected = [54, 153, 256, 331, 368, 411, 532, 667, 790, 791, 792, 793, 794, 897, 898, 980];
        Assert.Equal(expected, Board.Ones(Board.Observe(game)));
    }

    [Fact]
    public void Act_StayingOnTheSurfaceAtTheStart_IsSafe()
    {
        var game = Game();
        for (var frame = 0; frame < 3; frame++) Assert.Equal((0, false), game.Act(MinAtarAction.None));
        Assert.Equal(200, game.Oxygen);
    }

    [Fact]
    public void Act_SurfacingWithNoDiver_EndsTheGame()
    {
        var game = Game();
        Assert.Equal((0, false), game.Act(MinAtarAction.Down));
        Assert.Equal((1, 199, false), (game.SubY, game.Oxygen, game.Surfaced));
        Assert.Equal((0, true), game.Act(MinAtarAction.Up));
    }

    [Fact]
    public void Act_SurfacingWithDivers_RefillsOxygenForOneDiver_AndRamps()
    {
        var game = Diving(5, 1);
        (game.DiverCount, game.Oxygen) = (2, 50);
        Assert.Equal((0, false), game.Act(MinAtarAction.Up));
        Assert.Equal((200, 1, true), (game.Oxygen, game.DiverCount, game.Surfaced));
        Assert.Equal((19, 5, 1), (game.EnemySpawnSpeed, game.MoveSpeed, game.RampIndex));
        game.Act(MinAtarAction.Down);
        Assert.Equal((0, false), game.Act(MinAtarAction.Up));
        // The second ramp has an odd index: the move interval shrinks too.
        Assert.Equal((0, 18, 4, 2), (game.DiverCount, game.EnemySpawnSpeed, game.MoveSpeed, game.RampIndex));
    }

    [Theory]
    [InlineData(5, 2, 1, 4, 2)] // odd index, but the move interval is at its floor of 2
    [InlineData(1, 3, 1, 1, 2)] // the spawn interval is at its floor of 1
    [InlineData(1, 2, 7, 1, 2)] // both at their floors: no more ramps
    public void Act_SurfacingRamp_StopsAtTheFloors(int spawn, int move, int index, int newSpawn, int newMove)
    {
        var game = Diving(5, 1);
        (game.DiverCount, game.EnemySpawnSpeed, game.MoveSpeed, game.RampIndex) = (3, spawn, move, index);
        game.Act(MinAtarAction.Up);
        Assert.Equal((newSpawn, newMove, index == 7 ? 7 : index + 1), (game.EnemySpawnSpeed, game.MoveSpeed, game.RampIndex));
    }

    [Fact]
    public void Act_SurfacingWithSixDivers_PaysForTheOxygenLeft_AndLeavesMinusOneDiver()
    {
        var game = Diving(5, 1);
        (game.DiverCount, game.Oxygen) = (6, 150);
        Assert.Equal([(9, 3), (9, 4), (9, 5), (9, 6), (9, 7), (9, 8)], Board.Cells(Board.Observe(game), Seaquest.DiverGaugeChannel));
        Assert.Equal((7, false), game.Act(MinAtarAction.Up)); // 150 * 10 / 200 = 7.5, rounded down
        Assert.Equal((200, -1), (game.Oxygen, game.DiverCount));
        Assert.Empty(Board.Cells(Board.Observe(game), Seaquest.DiverGaugeChannel));
        // MinAtar's count is now -1, not 0: surfacing again is not game over.
        game.Act(MinAtarAction.Down);
        Assert.Equal((0, false), game.Act(MinAtarAction.Up));
        Assert.Equal(-2, game.DiverCount);
    }

    [Fact]
    public void Act_OxygenSpent_EndsTheGameTheFrameAfter()
    {
        var game = Diving(5, 3);
        game.Oxygen = 1;
        Assert.Equal((0, false), game.Act(MinAtarAction.None));
        Assert.Equal(0, game.Oxygen);
        Assert.Equal((0, true), game.Act(MinAtarAction.None));
        Assert.Empty(Board.Cells(Board.Observe(game), Seaquest.OxygenChannel));
    }

    [Theory]
    [InlineData(39, 1)]  // 390 / 200
    [InlineData(150, 7)]
    [InlineData(19, 0)]
    public void Write_OxygenGauge_ShowsOxygenTimesTenOver200Cells(int oxygen, int cells)
    {
        var game = Game();
        game.Oxygen = oxygen;
        Assert.Equal(Enumerable.Range(0, cells).Select(x => (9, x)), Board.Cells(Board.Observe(game), Seaquest.OxygenChannel));
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(6, 6, 1)] // full: the diver swims on, onto the sub's cell
    public void Act_DiverSwimmingOntoTheSub_IsPickedUpUnlessSixAreAboard(int divers, int newDivers, int diversLeft)
    {
        var game = Diving(4, 3);
        game.DiverCount = divers;
        game.Divers.Add(new SeaquestEntity(3, 3, MovesRight: true, MoveTimer: 0));
        game.Act(MinAtarAction.None);
        Assert.Equal(newDivers, game.DiverCount);
        Assert.Equal(diversLeft == 0 ? [] : [new SeaquestEntity(4, 3, true, 5)], game.Divers);
    }

    [Fact]
    public void Act_SubMovingOntoADiver_PicksItUp()
    {
        var game = Diving(4, 3);
        game.Divers.Add(new SeaquestEntity(5, 3, MovesRight: false, MoveTimer: 2));
        game.Act(MinAtarAction.Right);
        Assert.Equal((1, true), (game.DiverCount, game.FacingRight));
        Assert.Empty(game.Divers);
    }

    [Fact]
    public void Act_FishSwimmingIntoOurBullet_BothGo_ForOne()
    {
        // The bullet leaves the front (5, 4) and moves to (4, 4) at once; the fish then moves from (3, 4) onto it.
        var game = Diving(5, 4);
        game.Fish.Add(new SeaquestEntity(3, 4, MovesRight: true, MoveTimer: 0));
        Assert.Equal((1, false), game.Act(MinAtarAction.Fire));
        Assert.Empty(game.Fish);
        Assert.Empty(game.FriendlyBullets);
        Assert.Equal(4, game.ShotTimer);
    }

    [Fact]
    public void Act_OurBulletIntoAnEnemySub_BothGo_ForOne()
    {
        var game = Diving(5, 4, facingRight: true);
        game.EnemySubs.Add(new SeaquestEntity(6, 4, MovesRight: false, MoveTimer: 3, ShotTimer: 5));
        Assert.Equal((1, false), game.Act(MinAtarAction.Fire));
        Assert.Empty(game.EnemySubs);
        Assert.Empty(game.FriendlyBullets);
    }

    [Fact]
    public void Act_EnemySubShotDue_FiresABulletThatMovesAtOnce()
    {
        var game = Game();
        game.EnemySubs.Add(new SeaquestEntity(7, 2, MovesRight: false, MoveTimer: 3, ShotTimer: 0));
        game.Act(MinAtarAction.None);
        Assert.Equal([new SeaquestEntity(7, 2, false, 2, 10)], game.EnemySubs);
        Assert.Equal([new SeaquestBullet(6, 2, false)], game.EnemyBullets);
    }

    [Fact]
    public void Act_EnemySubShotDownWithItsShotDue_StillFires()
    {
        // MinAtar updates a sub's shot timer after removing it: the dying sub's bullet stays in play.
        var game = Game();
        game.EnemySubs.Add(new SeaquestEntity(3, 2, MovesRight: false, MoveTimer: 0, ShotTimer: 0));
        game.FriendlyBullets.Add(new SeaquestBullet(1, 2, true));
        Assert.Equal((1, false), game.Act(MinAtarAction.None));
        Assert.Empty(game.EnemySubs);
        Assert.Empty(game.FriendlyBullets);
        Assert.Equal([new SeaquestBullet(1, 2, false)], game.EnemyBullets);
    }

    [Fact]
    public void Act_FishSwimmingOntoTheSub_EndsTheGame()
    {
        var game = Diving(5, 3);
        game.Fish.Add(new SeaquestEntity(4, 3, MovesRight: true, MoveTimer: 0));
        Assert.Equal((0, true), game.Act(MinAtarAction.None));
    }

    [Fact]
    public void Act_SubMovingOntoAFish_EndsTheGame()
    {
        var game = Diving(4, 3);
        game.Fish.Add(new SeaquestEntity(5, 3, MovesRight: false, MoveTimer: 3));
        Assert.Equal((0, true), game.Act(MinAtarAction.Right));
    }

    [Fact]
    public void Act_EnemyBulletOntoTheSub_EndsTheGame()
    {
        var game = Diving(5, 3);
        game.EnemyBullets.Add(new SeaquestBullet(6, 3, false));
        Assert.Equal((0, true), game.Act(MinAtarAction.None));
    }

    [Fact]
    public void Act_EnemySpawnDue_NumpysDrawsPlaceAFish()
    {
        // RandomState(0): rand() 0.5488 (right edge, moving left), rand() 0.7152 >= 1/3 (a fish), randint(1, 9) = 4.
        var game = Game();
        game.EnemySpawnTimer = 0;
        game.Act(MinAtarAction.None);
        Assert.Equal([new SeaquestEntity(9, 4, false, 4)], game.Fish);
        Assert.Empty(game.EnemySubs);
        Assert.Equal(19, game.EnemySpawnTimer);
    }

    [Theory]
    [InlineData(true, 0)]  // row 4 holds a fish heading right: the left-moving spawn is dropped
    [InlineData(false, 1)] // heading the same way: it spawns
    public void Act_EnemySpawnIntoARowHeadingTheOtherWay_IsDropped(bool existingMovesRight, int spawned)
    {
        var game = Game();
        game.Fish.Add(new SeaquestEntity(5, 4, existingMovesRight, MoveTimer: 3));
        game.EnemySpawnTimer = 0;
        game.Act(MinAtarAction.None);
        Assert.Equal(1 + spawned, game.Fish.Count);
    }

    [Fact]
    public void Act_DiverSpawnDue_NumpysDrawsPlaceADiver()
    {
        // RandomState(0): rand() 0.5488 (right edge, moving left), randint(1, 9) = 6.
        var game = Game();
        game.DiverSpawnTimer = 0;
        game.Act(MinAtarAction.None);
        Assert.Equal([new SeaquestEntity(9, 6, false, 4)], game.Divers);
        Assert.Equal(29, game.DiverSpawnTimer);
    }

    [Theory]
    [InlineData(MinAtarAction.Left, 4, 4, false)]
    [InlineData(MinAtarAction.Right, 6, 4, true)]
    [InlineData(MinAtarAction.Up, 5, 3, false)]
    [InlineData(MinAtarAction.Down, 5, 5, false)]
    public void Act_Moves_TurnTheSubOnlySideways(MinAtarAction action, int x, int y, bool facingRight)
    {
        var game = Diving(5, 4);
        game.Act(action);
        Assert.Equal((x, y, facingRight), (game.SubX, game.SubY, game.FacingRight));
    }

    [Fact]
    public void Act_DownOnRow8_Stays()
    {
        var game = Diving(5, 8);
        game.Act(MinAtarAction.Down);
        Assert.Equal(8, game.SubY);
    }
}
