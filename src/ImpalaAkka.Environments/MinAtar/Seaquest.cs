namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// MinAtar's Seaquest. The player's sub (front and back cells) starts on the surface (row 0) at column 5 facing
/// left, moves in four directions within rows 0 to 8, and fires a bullet from its front at most once every
/// 5 frames. Every <see cref="EnemySpawnSpeed"/> frames an enemy (a sub with probability 1/3, else a fish)
/// enters rows 1 to 8 from a random side, unless that row holds an enemy heading the other way; every 30
/// frames a diver enters. Enemies move every <see cref="MoveSpeed"/> + 1 frames, divers every 6, enemy subs
/// fire every 11 frames, and a bullet or enemy sharing a cell with a player bullet is destroyed for +1.
/// The sub picks up divers it meets while it carries fewer than 6. Oxygen (200) falls by one a frame below
/// the surface; the game ends when it is spent, when an enemy or enemy bullet meets the sub, or when the sub
/// surfaces with no diver. Surfacing refills oxygen and costs one diver; with 6 divers it instead pays
/// oxygen * 10 / 200 (integer) and leaves -1 divers, as MinAtar's code does (the gauge then shows none, and
/// the sub may surface again without dying). Each surfacing ramps difficulty: the spawn interval shrinks by
/// one down to 1 and, on every other surfacing, the move interval by one down to 2. Channels: 0 sub front,
/// 1 sub back, 2 player bullet, 3 trail, 4 enemy bullet, 5 fish, 6 enemy sub, 7 oxygen gauge, 8 diver gauge
/// (both in row 9), 9 diver. Returns: at least 0 and unbounded, so no range.
/// </summary>
public sealed partial class Seaquest : IMinAtarGame
{
    public const int SubFrontChannel = 0;
    public const int SubBackChannel = 1;
    public const int FriendlyBulletChannel = 2;
    public const int TrailChannel = 3;
    public const int EnemyBulletChannel = 4;
    public const int FishChannel = 5;
    public const int EnemySubChannel = 6;
    public const int OxygenChannel = 7;
    public const int DiverGaugeChannel = 8;
    public const int DiverChannel = 9;
    public const int MaxOxygen = 200;
    public const int MaxDivers = 6;
    public const int InitialSpawnSpeed = 20;
    public const int DiverSpawnSpeed = 30;
    public const int InitialMoveSpeed = 5;
    public const int ShotCoolDown = 5;
    public const int EnemyShotInterval = 10;
    public const int DiverMoveInterval = 5;

    private const int Last = MinAtarBoard.Size - 1;
    private const int Capacity = 64;

    private static readonly MinAtarAction[] Minimal =
        [MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Up, MinAtarAction.Right, MinAtarAction.Down, MinAtarAction.Fire];

    private MinAtarRandom random = new(0);

    public Seaquest() => Reset(random);

    public string Name => "minatar-seaquest";

    public int Channels => 10;

    public IReadOnlyList<MinAtarAction> MinimalActions => Minimal;

    public ReturnRange? Returns => null;

    public int SubX { get; set; }

    public int SubY { get; set; }

    public bool FacingRight { get; set; }

    public int Oxygen { get; set; }

    /// <summary>Divers on board; -1 or less after a surfacing with all six (see the class comment).</summary>
    public int DiverCount { get; set; }

    /// <summary>Whether the sub has been on the surface since it last surfaced (a surfacing counts once).</summary>
    public bool Surfaced { get; set; }

    public List<SeaquestBullet> FriendlyBullets { get; } = new(Capacity);

    public List<SeaquestBullet> EnemyBullets { get; } = new(Capacity);

    public List<SeaquestEntity> Fish { get; } = new(Capacity);

    public List<SeaquestEntity> EnemySubs { get; } = new(Capacity);

    public List<SeaquestEntity> Divers { get; } = new(Capacity);

    public int EnemySpawnSpeed { get; set; }

    public int EnemySpawnTimer { get; set; }

    public int DiverSpawnTimer { get; set; }

    public int MoveSpeed { get; set; }

    /// <summary>How many times the difficulty has ramped (MinAtar's <c>difficulty_ramp()</c>).</summary>
    public int RampIndex { get; set; }

    public int ShotTimer { get; set; }

    public bool Terminal { get; set; }

    public void Reset(MinAtarRandom random)
    {
        this.random = random;
        Oxygen = MaxOxygen;
        DiverCount = 0;
        SubX = 5;
        SubY = 0;
        FacingRight = false;
        FriendlyBullets.Clear();
        EnemyBullets.Clear();
        Fish.Clear();
        EnemySubs.Clear();
        Divers.Clear();
        EnemySpawnSpeed = InitialSpawnSpeed;
        EnemySpawnTimer = EnemySpawnSpeed;
        DiverSpawnTimer = DiverSpawnSpeed;
        MoveSpeed = InitialMoveSpeed;
        RampIndex = 0;
        ShotTimer = 0;
        Surfaced = true;
        Terminal = false;
    }

    public (int Reward, bool Terminal) Act(MinAtarAction action)
    {
        if (Terminal) return (0, true);
        if (EnemySpawnTimer == 0)
        {
            SpawnEnemy();
            EnemySpawnTimer = EnemySpawnSpeed;
        }
        if (DiverSpawnTimer == 0)
        {
            SpawnDiver();
            DiverSpawnTimer = DiverSpawnSpeed;
        }
        Move(action);

        // MinAtar's order: player bullets, divers, enemy subs, enemy bullets, fish.
        var reward = MoveFriendlyBullets();
        MoveDivers();
        reward += MoveEnemySubs();
        MoveEnemyBullets();
        reward += MoveFish();

        if (EnemySpawnTimer > 0) EnemySpawnTimer--;
        if (DiverSpawnTimer > 0) DiverSpawnTimer--;
        if (ShotTimer > 0) ShotTimer--;
        if (Oxygen <= 0) Terminal = true;
        if (SubY > 0)
        {
            Oxygen--;
            Surfaced = false;
        }
        else if (!Surfaced)
        {
            if (DiverCount == 0) Terminal = true;
            else reward += Surface();
        }
        return (reward, Terminal);
    }

    public void Write(Span<float> observation)
    {
        MinAtarBoard.Clear(observation, Channels);
        MinAtarBoard.Set(observation, SubFrontChannel, SubY, SubX);
        // Facing right the back is to the left; the rules never put it off the board.
        var backX = FacingRight ? SubX - 1 : SubX + 1;
        if (backX is >= 0 and <= Last) MinAtarBoard.Set(observation, SubBackChannel, SubY, backX);
        for (var x = 0; x < Math.Max(0, Oxygen) * 10 / MaxOxygen; x++)
        {
            MinAtarBoard.Set(observation, OxygenChannel, Last, x);
        }
        for (var x = Math.Max(0, Last - DiverCount); x < Last; x++)
        {
            MinAtarBoard.Set(observation, DiverGaugeChannel, Last, x);
        }
        foreach (var bullet in FriendlyBullets) MinAtarBoard.Set(observation, FriendlyBulletChannel, bullet.Y, bullet.X);
        foreach (var bullet in EnemyBullets) MinAtarBoard.Set(observation, EnemyBulletChannel, bullet.Y, bullet.X);
        WriteWithTrail(observation, Fish, FishChannel);
        WriteWithTrail(observation, EnemySubs, EnemySubChannel);
        WriteWithTrail(observation, Divers, DiverChannel);
    }

    private static void WriteWithTrail(Span<float> observation, List<SeaquestEntity> entities, int channel)
    {
        foreach (var entity in entities)
        {
            MinAtarBoard.Set(observation, channel, entity.Y, entity.X);
            MinAtarBoard.SetTrail(observation, TrailChannel, entity.Y, entity.X, entity.MovesRight);
        }
    }

    private void Move(MinAtarAction action)
    {
        switch (action)
        {
            case MinAtarAction.Fire when ShotTimer == 0:
                FriendlyBullets.Add(new SeaquestBullet(SubX, SubY, FacingRight));
                ShotTimer = ShotCoolDown;
                break;
            case MinAtarAction.Left:
                SubX = Math.Max(0, SubX - 1);
                FacingRight = false;
                break;
            case MinAtarAction.Right:
                SubX = Math.Min(Last, SubX + 1);
                FacingRight = true;
                break;
            case MinAtarAction.Up:
                SubY = Math.Max(0, SubY - 1);
                break;
            case MinAtarAction.Down:
                SubY = Math.Min(8, SubY + 1);
                break;
        }
    }

    // Full oxygen back for one diver; six divers pay for the oxygen left and leave -1 (MinAtar's arithmetic).
    private int Surface()
    {
        Surfaced = true;
        var reward = 0;
        if (DiverCount == MaxDivers)
        {
            DiverCount = 0;
            reward = Oxygen * 10 / MaxOxygen;
        }
        Oxygen = MaxOxygen;
        DiverCount--;
        if (EnemySpawnSpeed > 1 || MoveSpeed > 2)
        {
            if (MoveSpeed > 2 && RampIndex % 2 == 1) MoveSpeed--;
            if (EnemySpawnSpeed > 1) EnemySpawnSpeed--;
            RampIndex++;
        }
        return reward;
    }

    private void SpawnEnemy()
    {
        var movesRight = random.Rand() < 0.5;
        var isSub = random.Rand() < 1.0 / 3;
        var y = random.RandInt(1, 9);
        if (HeadsOtherWay(EnemySubs, y, movesRight) || HeadsOtherWay(Fish, y, movesRight)) return;
        var spawned = new SeaquestEntity(movesRight ? 0 : Last, y, movesRight, MoveSpeed, isSub ? EnemyShotInterval : 0);
        (isSub ? EnemySubs : Fish).Add(spawned);
    }

    private void SpawnDiver()
    {
        var movesRight = random.Rand() < 0.5;
        var y = random.RandInt(1, 9);
        Divers.Add(new SeaquestEntity(movesRight ? 0 : Last, y, movesRight, DiverMoveInterval));
    }

    private static bool HeadsOtherWay(List<SeaquestEntity> entities, int y, bool movesRight)
    {
        foreach (var entity in entities)
        {
            if (entity.Y == y && entity.MovesRight != movesRight) return true;
        }
        return false;
    }
}
