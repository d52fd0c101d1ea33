namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// MinAtar's Freeway. The chicken stays in column 4 and starts in row 9; up and down move it one row, at most
/// once every 3 frames (it may first move in frame 4). Reaching row 0 gives +1, sends it back to row 9 and
/// redraws every car's speed. Lane i (row i + 1) has one car that starts in column 0 with a speed of 1 to 5
/// frames a move and a random direction; a car on the chicken's cell sends it back to row 9. The game ends
/// after <see cref="TimeLimit"/> + 1 frames (MinAtar's timer counts down through -1), with no ramping.
/// Channels: 0 chicken, 1 car, 2 to 6 the trail of a car moving every 1 to 5 frames.
/// Returns: 0 to 92, since a crossing takes 9 moves, 3 frames apart, and the first lands in frame 28:
/// 28 + 27 (k - 1) &lt;= 2501 allows k &lt;= 92 crossings.
/// </summary>
public sealed class Freeway : IMinAtarGame
{
    public const int ChickenChannel = 0;
    public const int CarChannel = 1;
    public const int Speed1Channel = 2;
    public const int Lanes = 8;
    public const int PlayerSpeed = 3;
    public const int TimeLimit = 2500;
    public const int ChickenX = 4;

    private const int Last = MinAtarBoard.Size - 1;

    private static readonly MinAtarAction[] Minimal = [MinAtarAction.None, MinAtarAction.Up, MinAtarAction.Down];
    private static readonly ReturnRange Range = new(0, 92);

    private readonly FreewayCar[] cars = new FreewayCar[Lanes];
    private MinAtarRandom random = new(0);

    public Freeway() => Reset(random);

    public string Name => "minatar-freeway";

    public int Channels => 7;

    public IReadOnlyList<MinAtarAction> MinimalActions => Minimal;

    public ReturnRange? Returns => Range;

    /// <summary>The chicken's row (MinAtar's <c>pos</c>).</summary>
    public int ChickenY { get; set; }

    /// <summary>Frames until the chicken may move again; it moves only where this is 0.</summary>
    public int MoveTimer { get; set; }

    /// <summary>Counts down once a frame; the game ends in the frame it falls below 0.</summary>
    public int TerminateTimer { get; set; }

    /// <summary>Lane i's car, in row i + 1.</summary>
    public IList<FreewayCar> Cars => cars;

    public bool Terminal { get; set; }

    public void Reset(MinAtarRandom random)
    {
        this.random = random;
        RandomizeCars(resetPositions: true);
        ChickenY = Last;
        MoveTimer = PlayerSpeed;
        TerminateTimer = TimeLimit;
        Terminal = false;
    }

    public (int Reward, bool Terminal) Act(MinAtarAction action)
    {
        if (Terminal) return (0, true);
        if (action == MinAtarAction.Up && MoveTimer == 0)
        {
            MoveTimer = PlayerSpeed;
            ChickenY = Math.Max(0, ChickenY - 1);
        }
        else if (action == MinAtarAction.Down && MoveTimer == 0)
        {
            MoveTimer = PlayerSpeed;
            ChickenY = Math.Min(Last, ChickenY + 1);
        }

        var reward = 0;
        if (ChickenY == 0)
        {
            reward = 1;
            RandomizeCars(resetPositions: false);
            ChickenY = Last;
        }
        for (var lane = 0; lane < Lanes; lane++)
        {
            var car = cars[lane];
            HitCheck(car, lane);
            if (car.Timer == 0)
            {
                var x = car.X + (car.Speed > 0 ? 1 : -1);
                car = new FreewayCar(x < 0 ? Last : x > Last ? 0 : x, Math.Abs(car.Speed), car.Speed);
                HitCheck(car, lane);
            }
            else
            {
                car = car with { Timer = car.Timer - 1 };
            }
            cars[lane] = car;
        }
        if (MoveTimer > 0) MoveTimer--;
        TerminateTimer--;
        if (TerminateTimer < 0) Terminal = true;
        return (reward, Terminal);
    }

    /// <summary>
    /// Channels as documented; a car of speed 0 (numpy's sign of an exact 0.5 draw, chance 2^-53) has no trail
    /// channel, where MinAtar's code would fail or reuse another car's.
    /// </summary>
    public void Write(Span<float> observation)
    {
        MinAtarBoard.Clear(observation, Channels);
        MinAtarBoard.Set(observation, ChickenChannel, ChickenY, ChickenX);
        for (var lane = 0; lane < Lanes; lane++)
        {
            var car = cars[lane];
            MinAtarBoard.Set(observation, CarChannel, lane + 1, car.X);
            var speed = Math.Abs(car.Speed);
            if (speed == 0) continue;
            var behind = car.Speed > 0 ? car.X - 1 : car.X + 1;
            MinAtarBoard.Set(observation, Speed1Channel + speed - 1, lane + 1, behind < 0 ? Last : behind > Last ? 0 : behind);
        }
    }

    private void HitCheck(FreewayCar car, int lane)
    {
        if (car.X == ChickenX && lane + 1 == ChickenY) ChickenY = Last;
    }

    // MinAtar draws all eight speeds (1 to 5), then all eight directions (the sign of u - 0.5).
    private void RandomizeCars(bool resetPositions)
    {
        Span<int> speeds = stackalloc int[Lanes];
        for (var lane = 0; lane < Lanes; lane++)
        {
            speeds[lane] = random.RandInt(1, 6);
        }
        for (var lane = 0; lane < Lanes; lane++)
        {
            var speed = speeds[lane] * Math.Sign(random.Rand() - 0.5);
            cars[lane] = new FreewayCar(resetPositions ? 0 : cars[lane].X, Math.Abs(speed), speed);
        }
    }
}
