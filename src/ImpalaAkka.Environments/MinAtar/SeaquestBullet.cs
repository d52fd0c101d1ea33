namespace ImpalaAkka.Environments.MinAtar;

/// <summary>A Seaquest bullet at (<paramref name="Y"/>, <paramref name="X"/>); it moves one column a frame.</summary>
public readonly record struct SeaquestBullet(int X, int Y, bool MovesRight);
