namespace ImpalaAkka.Environments.MinAtar;

/// <summary>MinAtar's six actions, numbered as its action map <c>['n', 'l', 'u', 'r', 'd', 'f']</c>.</summary>
public enum MinAtarAction
{
    None = 0,
    Left = 1,
    Up = 2,
    Right = 3,
    Down = 4,
    Fire = 5,
}
