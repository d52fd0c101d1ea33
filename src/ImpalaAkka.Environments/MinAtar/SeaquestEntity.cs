namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// A Seaquest fish, enemy sub or diver at (<paramref name="Y"/>, <paramref name="X"/>). It moves one column in a
/// frame where <paramref name="MoveTimer"/> is 0, then waits; an enemy sub also fires where
/// <paramref name="ShotTimer"/> is 0 (fish and divers leave it 0).
/// </summary>
public readonly record struct SeaquestEntity(int X, int Y, bool MovesRight, int MoveTimer, int ShotTimer = 0)
{
    public bool At(int x, int y) => X == x && Y == y;

    public bool OffBoard => X is < 0 or >= MinAtarBoard.Size;

    public SeaquestEntity Moved(int moveTimer) => this with { X = X + (MovesRight ? 1 : -1), MoveTimer = moveTimer };
}
