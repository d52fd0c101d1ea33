using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

public sealed class AsterixTests
{
    private static Asterix Game(MinAtarRandom? random = null) => Board.Started(new Asterix(), random ?? new MinAtarRandom(0));

    // Player at (5, 5); one entity in row 5 (slot 4), no spawn due for a while.
    private static Asterix WithEntityInPlayersRow(int x, bool movesRight, bool isGold, int moveTimer)
    {
        var game = Game();
        game.Entities[4] = new AsterixEntity(x, movesRight, isGold);
        (game.MoveTimer, game.SpawnTimer) = (moveTimer, 5);
        return game;
    }

    [Fact]
    public void Reset_PlayerInTheMiddle_NoEntities_MinAtarsTimers()
    {
        var game = Game();
        Assert.Equal((5, 5), (game.PlayerX, game.PlayerY));
        Assert.All(game.Entities, e => Assert.Null(e));
        Assert.Equal((10, 10, 5, 5, 100, 0), (game.SpawnSpeed, game.SpawnTimer, game.MoveSpeed, game.MoveTimer, game.RampTimer, game.RampIndex));
        Assert.Equal([55], Board.Ones(Board.Observe(game)));
    }

    [Fact]
    public void Act_Frame11_SpawnsTheFirstEntity_WhichMovesInTheSameFrame()
    {
        // RandomState(0): rand() 0.5488 >= 1/2 (right edge, moving left), rand() 0.7152 >= 1/3 (an enemy),
        // randint(8) = 3 (slot 3, row 4). Entities move in frames 6, 11, ...: it steps from column 9 to 8 at once.
        var game = Game();
        for (var frame = 1; frame <= 10; frame++) game.Act(MinAtarAction.None);
        Assert.All(game.Entities, e => Assert.Null(e));
        Assert.Equal((0, false), game.Act(MinAtarAction.None));
        Assert.Equal(new AsterixEntity(8, MovesRight: false, IsGold: false), game.Entities[3]);
        Assert.Equal((9, 4), (game.SpawnTimer, game.MoveTimer));
        // Player (5, 5) in channel 0, enemy (4, 8) in channel 1, its trail (4, 9) in channel 2.
        Assert.Equal([55, 148, 249], Board.Ones(Board.Observe(game)));
    }

    [Fact]
    public void Act_SpawnWithEverySlotTaken_DrawsTwiceAndSpawnsNothing()
    {
        var random = new MinAtarRandom(4);
        var game = Game(random);
        for (var slot = 0; slot < 8; slot++) game.Entities[slot] = new AsterixEntity(slot, true, false);
        (game.SpawnTimer, game.MoveTimer, game.PlayerX) = (0, 3, 9);
        game.Act(MinAtarAction.None);
        Assert.Equal(Enumerable.Range(0, 8).Select(slot => (AsterixEntity?)new AsterixEntity(slot, true, false)), game.Entities);
        var reference = new MinAtarRandom(4);
        for (var draw = 0; draw < 4; draw++) reference.NextUInt();
        Assert.Equal(reference.NextUInt(), random.NextUInt());
    }

    [Fact]
    public void Act_GoldMovingOntoThePlayer_GivesOne_AndLeaves()
    {
        var game = WithEntityInPlayersRow(6, movesRight: false, isGold: true, moveTimer: 0);
        Assert.Equal((1, false), game.Act(MinAtarAction.None));
        Assert.Null(game.Entities[4]);
    }

    [Fact]
    public void Act_PlayerMovingOntoGold_GivesOne()
    {
        var game = WithEntityInPlayersRow(6, movesRight: false, isGold: true, moveTimer: 3);
        Assert.Equal((1, false), game.Act(MinAtarAction.Right));
        Assert.Null(game.Entities[4]);
    }

    [Fact]
    public void Act_EnemyMovingOntoThePlayer_EndsTheGame_AndStays()
    {
        var game = WithEntityInPlayersRow(6, movesRight: false, isGold: false, moveTimer: 0);
        Assert.Equal((0, true), game.Act(MinAtarAction.None));
        Assert.Equal(new AsterixEntity(5, false, false), game.Entities[4]);
        var obs = Board.Observe(game);
        Assert.Equal([(5, 5)], Board.Cells(obs, Asterix.PlayerChannel));
        Assert.Equal([(5, 5)], Board.Cells(obs, Asterix.EnemyChannel));
        Assert.Equal((0, true), game.Act(MinAtarAction.Left));
        Assert.Equal(5, game.PlayerX);
    }

    [Fact]
    public void Act_EntitiesPastTheEdge_Leave()
    {
        var game = Game();
        game.Entities[0] = new AsterixEntity(0, MovesRight: false, IsGold: true);
        game.Entities[1] = new AsterixEntity(9, MovesRight: true, IsGold: false);
        game.Entities[2] = new AsterixEntity(4, MovesRight: true, IsGold: false);
        game.MoveTimer = 0;
        game.Act(MinAtarAction.None);
        Assert.Equal([null, null, new AsterixEntity(5, true, false)], game.Entities.Take(3));
    }

    [Theory]
    [InlineData(5, 1, MinAtarAction.Up, 5, 1)]
    [InlineData(5, 8, MinAtarAction.Down, 5, 8)]
    [InlineData(0, 5, MinAtarAction.Left, 0, 5)]
    [InlineData(9, 5, MinAtarAction.Right, 9, 5)]
    [InlineData(5, 5, MinAtarAction.Up, 5, 4)]
    [InlineData(5, 5, MinAtarAction.Fire, 5, 5)]
    public void Act_PlayerMoves_WithinRows1To8(int x, int y, MinAtarAction action, int newX, int newY)
    {
        var game = Game();
        (game.PlayerX, game.PlayerY) = (x, y);
        game.Act(action);
        Assert.Equal((newX, newY), (game.PlayerX, game.PlayerY));
    }

    [Fact]
    public void Write_GoldEnemyAndTrails_InTheirChannels_TrailsOnlyOnTheBoard()
    {
        var game = Game();
        game.Entities[2] = new AsterixEntity(3, MovesRight: true, IsGold: true);
        game.Entities[6] = new AsterixEntity(0, MovesRight: true, IsGold: false);
        // Player 55; enemy (7, 0) in channel 1, its trail would be (7, -1); trail (3, 2) in 2; gold (3, 3) in 3.
        Assert.Equal([55, 170, 232, 333], Board.Ones(Board.Observe(game)));
    }

    [Fact]
    public void Act_RampSchedule_EveryHundredAndTwoFrames()
    {
        var game = Game();
        var ramps = new List<(int Frame, int Spawn, int Move, int Index)>();
        for (var frame = 1; frame <= 408; frame++)
        {
            for (var slot = 0; slot < 8; slot++) game.Entities[slot] = null;
            game.Act(MinAtarAction.None);
            if (frame % 102 is 0 or 101) ramps.Add((frame, game.SpawnSpeed, game.MoveSpeed, game.RampIndex));
        }
        // The move interval shrinks on ramps with an odd index (the 2nd, 4th, ...).
        Assert.Equal([(101, 10, 5, 0), (102, 9, 5, 1), (203, 9, 5, 1), (204, 8, 4, 2), (305, 8, 4, 2), (306, 7, 4, 3), (407, 7, 4, 3), (408, 6, 3, 4)], ramps);
    }

    [Theory]
    [InlineData(2, 1, 5, -1, 1, 1, 6, 100)]  // spawn interval to its floor of 1; the move one is there already
    [InlineData(1, 2, 5, -1, 1, 1, 6, 100)]  // odd index: the move interval shrinks to 1
    [InlineData(1, 2, 4, -1, 1, 2, 5, 100)]  // even index: it does not
    [InlineData(1, 1, 8, -1, 1, 1, 8, -1)]   // both at 1: ramping has stopped
    public void Act_RampDue_ShrinksIntervalsToTheirFloors(
        int spawn, int move, int index, int timer, int newSpawn, int newMove, int newIndex, int newTimer)
    {
        var game = Game();
        (game.SpawnSpeed, game.SpawnTimer, game.MoveSpeed, game.MoveTimer, game.RampIndex, game.RampTimer) = (spawn, 7, move, 7, index, timer);
        game.Act(MinAtarAction.None);
        Assert.Equal((newSpawn, newMove, newIndex, newTimer), (game.SpawnSpeed, game.MoveSpeed, game.RampIndex, game.RampTimer));
    }
}
