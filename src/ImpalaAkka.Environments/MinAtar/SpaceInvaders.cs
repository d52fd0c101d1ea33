namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// MinAtar's Space Invaders. The cannon (row 9, starts in column 5) moves left or right or fires, at most once
/// every 5 frames; its bullets rise a row a frame, alien bullets fall a row a frame. The aliens (rows 0 to 3,
/// columns 2 to 7 at first) step sideways together; when one is at the edge they are heading for, they
/// instead turn and step down a row. They move every min(aliens left, <see cref="EnemyMoveInterval"/>)
/// frames, and every 10 frames the lowest alien of the column nearest the cannon (ties to the left) fires.
/// An alien sharing a cell with a cannon bullet is destroyed for +1. The game ends when an alien bullet or an
/// alien reaches the cannon's cell or aliens in row 9 step down. Ramping: when a wave is cleared a new one
/// appears and, while the interval is above 6, it shrinks by one. Channels: 0 cannon, 1 alien, 2 alien
/// moving left, 3 alien moving right, 4 cannon bullet, 5 alien bullet.
/// Returns: at least 0 and unbounded (waves keep coming), so no range.
/// </summary>
public sealed class SpaceInvaders : IMinAtarGame
{
    public const int CannonChannel = 0;
    public const int AlienChannel = 1;
    public const int AlienLeftChannel = 2;
    public const int AlienRightChannel = 3;
    public const int FriendlyBulletChannel = 4;
    public const int EnemyBulletChannel = 5;
    public const int ShotCoolDown = 5;
    public const int InitialEnemyMoveInterval = 12;
    public const int EnemyShotInterval = 10;

    private const int Last = MinAtarBoard.Size - 1;

    private static readonly MinAtarAction[] Minimal =
        [MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Right, MinAtarAction.Fire];

    public SpaceInvaders() => Reset(new MinAtarRandom(0));

    public string Name => "minatar-space-invaders";

    public int Channels => 6;

    public IReadOnlyList<MinAtarAction> MinimalActions => Minimal;

    public ReturnRange? Returns => null;

    /// <summary>The cannon's column (MinAtar's <c>pos</c>).</summary>
    public int CannonX { get; set; }

    public MinAtarGrid Aliens { get; } = new();

    public MinAtarGrid FriendlyBullets { get; } = new();

    public MinAtarGrid EnemyBullets { get; } = new();

    /// <summary>-1 while the aliens move left, +1 while they move right.</summary>
    public int AlienDirection { get; set; }

    public int EnemyMoveInterval { get; set; }

    public int AlienMoveTimer { get; set; }

    public int AlienShotTimer { get; set; }

    /// <summary>Frames until the cannon may fire again.</summary>
    public int ShotTimer { get; set; }

    /// <summary>How many waves have sped up (MinAtar's <c>difficulty_ramp()</c>).</summary>
    public int RampIndex { get; set; }

    public bool Terminal { get; set; }

    /// <summary>Space Invaders draws nothing at random: every episode is the same for the same actions.</summary>
    public void Reset(MinAtarRandom random)
    {
        CannonX = 5;
        FriendlyBullets.Clear();
        EnemyBullets.Clear();
        Aliens.Clear();
        Aliens.Fill(0, 4, 2, 8);
        AlienDirection = -1;
        EnemyMoveInterval = InitialEnemyMoveInterval;
        AlienMoveTimer = EnemyMoveInterval;
        AlienShotTimer = EnemyShotInterval;
        RampIndex = 0;
        ShotTimer = 0;
        Terminal = false;
    }

    public (int Reward, bool Terminal) Act(MinAtarAction action)
    {
        if (Terminal) return (0, true);
        if (action == MinAtarAction.Fire && ShotTimer == 0)
        {
            FriendlyBullets[Last, CannonX] = true;
            ShotTimer = ShotCoolDown;
        }
        else if (action == MinAtarAction.Left)
        {
            CannonX = Math.Max(0, CannonX - 1);
        }
        else if (action == MinAtarAction.Right)
        {
            CannonX = Math.Min(Last, CannonX + 1);
        }

        FriendlyBullets.RollRows(-1);
        FriendlyBullets.ClearRow(Last);
        EnemyBullets.RollRows(1);
        EnemyBullets.ClearRow(0);
        if (EnemyBullets[Last, CannonX]) Terminal = true;

        if (Aliens[Last, CannonX]) Terminal = true;
        if (AlienMoveTimer == 0)
        {
            MoveAliens();
        }
        if (AlienShotTimer == 0)
        {
            AlienShotTimer = EnemyShotInterval;
            var (y, x) = NearestAlien();
            EnemyBullets[y, x] = true;
        }

        var reward = Aliens.RemoveOverlap(FriendlyBullets);

        if (ShotTimer > 0) ShotTimer--;
        AlienMoveTimer--;
        AlienShotTimer--;
        if (Aliens.Count == 0)
        {
            if (EnemyMoveInterval > 6)
            {
                EnemyMoveInterval--;
                RampIndex++;
            }
            Aliens.Fill(0, 4, 2, 8);
        }
        return (reward, Terminal);
    }

    public void Write(Span<float> observation)
    {
        MinAtarBoard.Clear(observation, Channels);
        MinAtarBoard.Set(observation, CannonChannel, Last, CannonX);
        Aliens.Write(observation, AlienChannel);
        Aliens.Write(observation, AlienDirection < 0 ? AlienLeftChannel : AlienRightChannel);
        FriendlyBullets.Write(observation, FriendlyBulletChannel);
        EnemyBullets.Write(observation, EnemyBulletChannel);
    }

    // At an edge the wave turns and steps down (wrapping round as MinAtar's roll does, in a frame that
    // is already game over); elsewhere it steps sideways.
    private void MoveAliens()
    {
        AlienMoveTimer = Math.Min(Aliens.Count, EnemyMoveInterval);
        if ((Aliens.AnyInColumn(0) && AlienDirection < 0) || (Aliens.AnyInColumn(Last) && AlienDirection > 0))
        {
            AlienDirection = -AlienDirection;
            if (Aliens.AnyInRow(Last)) Terminal = true;
            Aliens.RollRows(1);
        }
        else
        {
            Aliens.RollColumns(AlienDirection);
        }
        if (Aliens[Last, CannonX]) Terminal = true;
    }

    // The column nearest the cannon that has an alien (the left one of two equally near), and its lowest alien.
    private (int Y, int X) NearestAlien()
    {
        for (var distance = 0; distance < MinAtarBoard.Size; distance++)
        {
            foreach (var x in (ReadOnlySpan<int>)[CannonX - distance, CannonX + distance])
            {
                if (x is < 0 or > Last || !Aliens.AnyInColumn(x)) continue;
                for (var y = Last; y >= 0; y--)
                {
                    if (Aliens[y, x]) return (y, x);
                }
            }
        }
        throw new InvalidOperationException("no alien left to fire: a wave is refilled before every frame");
    }
}
