namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// A Freeway car in column <paramref name="X"/>; its row is its lane + 1. It moves one column (towards the sign
/// of <paramref name="Speed"/>, wrapping round) in each frame where <paramref name="Timer"/> is 0, then waits
/// |Speed| frames: |Speed| 1 to 5 is how many frames a move takes.
/// </summary>
public readonly record struct FreewayCar(int X, int Timer, int Speed);
