namespace ImpalaAkka.Environments.MinAtar;

/// <summary>
/// Which actions an agent chooses among: all six of <see cref="MinAtarAction"/> (MinAtar's default), or the
/// game's minimal set (<see cref="IMinAtarGame.MinimalActions"/>, MinAtar's <c>minimal_action_set()</c>).
/// </summary>
public enum MinAtarActions
{
    Full,
    Minimal,
}
