namespace ImpalaAkka.Environments.MinAtar;

/// <summary>The ball's diagonal in Breakout, numbered as MinAtar's <c>ball_dir</c>.</summary>
public enum BreakoutDirection
{
    UpLeft = 0,
    UpRight = 1,
    DownRight = 2,
    DownLeft = 3,
}
