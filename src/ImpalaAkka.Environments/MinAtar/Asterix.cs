namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// MinAtar's Asterix. The player starts at (5, 5) and moves in four directions within rows 1 to 8. Each of
/// rows 1 to 8 holds at most one entity (slot i is row i + 1): every <see cref="SpawnSpeed"/> frames one
/// spawns in a random free slot, at the left edge moving right or the right edge moving left (even odds),
/// gold with probability 1/3, else an enemy; with no free slot the draws are made and nothing spawns.
/// Entities step one column every <see cref="MoveSpeed"/> frames and leave past the edge. Touching
/// gold gives +1 and removes it; touching an enemy ends the game. Ramping: every 102 frames (a 100-frame
/// timer that counts down through -1) the spawn interval shrinks by one down to 1, and on every other
/// ramp the move interval does too, down to 1. Channels: 0 player, 1 enemy, 2 trail, 3 gold.
/// Returns: at least 0 and unbounded (an episode has no length limit), so no range.
/// </summary>
public sealed class Asterix : IMinAtarGame
{
    public const int PlayerChannel = 0;
    public const int EnemyChannel = 1;
    public const int TrailChannel = 2;
    public const int GoldChannel = 3;
    public const int Slots = 8;
    public const int RampInterval = 100;
    public const int InitialSpawnSpeed = 10;
    public const int InitialMoveSpeed = 5;

    private const int Last = MinAtarBoard.Size - 1;

    private static readonly MinAtarAction[] Minimal =
        [MinAtarAction.None, MinAtarAction.Left, MinAtarAction.Up, MinAtarAction.Right, MinAtarAction.Down];

    private readonly AsterixEntity?[] entities = new AsterixEntity?[Slots];
    private MinAtarRandom random = new(0);

    public Asterix() => Reset(random);

    public string Name => "minatar-asterix";

    public int Channels => 4;

    public IReadOnlyList<MinAtarAction> MinimalActions => Minimal;

    public ReturnRange? Returns => null;

    public int PlayerX { get; set; }

    public int PlayerY { get; set; }

    /// <summary>Slot i holds the entity of row i + 1, or null.</summary>
    public IList<AsterixEntity?> Entities => entities;

    public int SpawnSpeed { get; set; }

    /// <summary>Frames until the next spawn; a spawn happens at the start of a frame where it is 0.</summary>
    public int SpawnTimer { get; set; }

    public int MoveSpeed { get; set; }

    /// <summary>Frames until entities next move; they move in a frame where it is 0.</summary>
    public int MoveTimer { get; set; }

    public int RampTimer { get; set; }

    /// <summary>How many times the difficulty has ramped (MinAtar's <c>difficulty_ramp()</c>).</summary>
    public int RampIndex { get; set; }

    public bool Terminal { get; set; }

    public void Reset(MinAtarRandom random)
    {
        this.random = random;
        PlayerX = 5;
        PlayerY = 5;
        Array.Clear(entities);
        SpawnSpeed = InitialSpawnSpeed;
        SpawnTimer = SpawnSpeed;
        MoveSpeed = InitialMoveSpeed;
        MoveTimer = MoveSpeed;
        RampTimer = RampInterval;
        RampIndex = 0;
        Terminal = false;
    }

    public (int Reward, bool Terminal) Act(MinAtarAction action)
    {
        if (Terminal) return (0, true);
        if (SpawnTimer == 0)
        {
            Spawn();
            SpawnTimer = SpawnSpeed;
        }
        switch (action)
        {
            case MinAtarAction.Left: PlayerX = Math.Max(0, PlayerX - 1); break;
            case MinAtarAction.Right: PlayerX = Math.Min(Last, PlayerX + 1); break;
            case MinAtarAction.Up: PlayerY = Math.Max(1, PlayerY - 1); break;
            case MinAtarAction.Down: PlayerY = Math.Min(8, PlayerY + 1); break;
        }

        var reward = 0;
        for (var slot = 0; slot < Slots; slot++)
        {
            reward += Touch(slot);
        }
        if (MoveTimer == 0)
        {
            MoveTimer = MoveSpeed;
            for (var slot = 0; slot < Slots; slot++)
            {
                if (entities[slot] is not { } entity) continue;
                var x = entity.X + (entity.MovesRight ? 1 : -1);
                entities[slot] = x is < 0 or > Last ? null : entity with { X = x };
                reward += Touch(slot);
            }
        }
        SpawnTimer--;
        MoveTimer--;
        Ramp();
        return (reward, Terminal);
    }

    public void Write(Span<float> observation)
    {
        MinAtarBoard.Clear(observation, Channels);
        MinAtarBoard.Set(observation, PlayerChannel, PlayerY, PlayerX);
        for (var slot = 0; slot < Slots; slot++)
        {
            if (entities[slot] is not { } entity) continue;
            MinAtarBoard.Set(observation, entity.IsGold ? GoldChannel : EnemyChannel, slot + 1, entity.X);
            MinAtarBoard.SetTrail(observation, TrailChannel, slot + 1, entity.X, entity.MovesRight);
        }
    }

    // Gold under the player is collected; an enemy there ends the game (and stays).
    private int Touch(int slot)
    {
        if (entities[slot] is not { } entity || entity.X != PlayerX || slot + 1 != PlayerY) return 0;
        if (!entity.IsGold)
        {
            Terminal = true;
            return 0;
        }
        entities[slot] = null;
        return 1;
    }

    private void Spawn()
    {
        var movesRight = random.Rand() < 0.5;
        var isGold = random.Rand() < 1.0 / 3;
        var free = 0;
        foreach (var entity in entities)
        {
            if (entity is null) free++;
        }
        if (free == 0) return;
        var pick = random.RandInt(free);
        for (var slot = 0; slot < Slots; slot++)
        {
            if (entities[slot] is not null) continue;
            if (pick-- == 0)
            {
                entities[slot] = new AsterixEntity(movesRight ? 0 : Last, movesRight, isGold);
                return;
            }
        }
    }

    private void Ramp()
    {
        if (SpawnSpeed <= 1 && MoveSpeed <= 1) return;
        if (RampTimer >= 0)
        {
            RampTimer--;
            return;
        }
        if (MoveSpeed > 1 && RampIndex % 2 == 1) MoveSpeed--;
        if (SpawnSpeed > 1) SpawnSpeed--;
        RampIndex++;
        RampTimer = RampInterval;
    }
}
