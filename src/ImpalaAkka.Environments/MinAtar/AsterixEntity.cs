namespace ImpalaAkka.Environments.MinAtar;

/// <summary>An Asterix enemy or treasure (<paramref name="IsGold"/>) in column <paramref name="X"/>; its row is its slot + 1.</summary>
public readonly record struct AsterixEntity(int X, bool MovesRight, bool IsGold);
