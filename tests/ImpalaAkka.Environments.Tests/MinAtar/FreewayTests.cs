using ImpalaAkka.Environments.MinAtar;

namespace ImpalaAkka.Environments.Tests.MinAtar;

public sealed class FreewayTests
{
    // r = RandomState(3); r.randint(1, 6, 8) * sign(r.rand(8) - 0.5), twice: the speeds at reset and at the first crossing.
    private static readonly int[] Seed3Speeds = [3, -1, -2, -4, -1, -1, -1, 4];
    private static readonly int[] Seed3Redraw = [-2, -3, -3, 3, -5, -2, 4, 3];

    private static Freeway Game() => Board.Started<Freeway>(3);

    // Cars parked in column 0, far from the chicken's column 4, and not due to move.
    private static void ParkCars(Freeway game)
    {
        for (var lane = 0; lane < Freeway.Lanes; lane++) game.Cars[lane] = new FreewayCar(0, 1000, 1);
    }

    [Fact]
    public void Reset_Seed3_CarsInColumn0WithNumpysSpeeds()
    {
        var game = Game();
        Assert.Equal(Seed3Speeds.Select(s => new FreewayCar(0, Math.Abs(s), s)), game.Cars);
        Assert.Equal((9, 3, 2500, false), (game.ChickenY, game.MoveTimer, game.TerminateTimer, game.Terminal));
    }

    [Fact]
    public void Write_AfterReset_ChickenCarsAndSpeedTrails()
    {
        // Chicken (9, 4) = 94; cars (row, 0) in channel 1; a trail behind each car (column 9 when it moves
        // right, wrapping round; column 1 when it moves left) in channel 1 + |speed|.
        int[] expected = [94, 110, 120, 130, 140, 150, 160, 170, 180, 221, 251, 261, 271, 331, 419, 541, 589];
        Assert.Equal(expected, Board.Ones(Board.Observe(Game())));
    }

    [Fact]
    public void Act_UpEveryFrame_ChickenMovesEveryThirdFrameFromFrame4()
    {
        var game = Game();
        var rows = new List<int>();
        for (var frame = 1; frame <= 10; frame++)
        {
            ParkCars(game);
            game.Act(MinAtarAction.Up);
            rows.Add(game.ChickenY);
        }
        Assert.Equal([9, 9, 9, 8, 8, 8, 7, 7, 7, 6], rows);
    }

    [Fact]
    public void Act_DownOnTheBottomRow_StaysButSpendsTheMove()
    {
        var game = Game();
        ParkCars(game);
        game.MoveTimer = 0;
        game.Act(MinAtarAction.Down);
        Assert.Equal((9, 2), (game.ChickenY, game.MoveTimer));
    }

    [Fact]
    public void Act_ReachingRow0_GivesOne_SendsTheChickenBack_RedrawsSpeedsInPlace()
    {
        var game = Game();
        (game.ChickenY, game.MoveTimer) = (1, 0);
        Assert.Equal((1, false), game.Act(MinAtarAction.Up));
        Assert.Equal(9, game.ChickenY);
        // New timers |speed|, counted down once in this frame; positions kept.
        Assert.Equal(Seed3Redraw.Select(s => new FreewayCar(0, Math.Abs(s) - 1, s)), game.Cars);
    }

    [Fact]
    public void Act_CarMovingOntoTheChicken_SendsItBack()
    {
        var game = Game();
        ParkCars(game);
        game.ChickenY = 5;
        game.Cars[4] = new FreewayCar(3, 0, 2);
        Assert.Equal((0, false), game.Act(MinAtarAction.None));
        Assert.Equal((9, new FreewayCar(4, 2, 2)), (game.ChickenY, game.Cars[4]));
    }

    [Fact]
    public void Act_ChickenMovingOntoACar_IsSentBack()
    {
        var game = Game();
        ParkCars(game);
        (game.ChickenY, game.MoveTimer) = (6, 0);
        game.Cars[4] = new FreewayCar(4, 5, 1);
        game.Act(MinAtarAction.Up);
        Assert.Equal(9, game.ChickenY);
    }

    [Fact]
    public void Act_CarsPastTheEdge_WrapRound()
    {
        var game = Game();
        ParkCars(game);
        game.Cars[0] = new FreewayCar(9, 0, 1);
        game.Cars[1] = new FreewayCar(0, 0, -3);
        game.Act(MinAtarAction.None);
        Assert.Equal([new FreewayCar(0, 1, 1), new FreewayCar(9, 3, -3)], game.Cars.Take(2));
    }

    [Fact]
    public void Act_Frame2501_EndsTheGame()
    {
        var game = Game();
        for (var frame = 1; frame <= 2500; frame++) Assert.Equal((0, false), game.Act(MinAtarAction.None));
        Assert.Equal((0, true), game.Act(MinAtarAction.None));
        Assert.Equal(-1, game.TerminateTimer);
    }

    [Fact]
    public void Act_AlwaysUpWithNoCarInTheWay_Crosses92Times_TheReturnRangesMaximum()
    {
        var game = Game();
        var crossings = 0;
        var terminal = false;
        while (!terminal)
        {
            ParkCars(game);
            (var reward, terminal) = game.Act(MinAtarAction.Up);
            crossings += reward;
        }
        Assert.Equal(92, crossings);
        Assert.Equal(new ReturnRange(0, crossings), game.Returns);
    }
}
