namespace ImpalaAkka.Environments;

/// <summary>
/// The interval every episode return of an environment lies in (undiscounted sum of rewards).
/// Reports clip confidence bands to it: a band below a return no episode can have misleads.
/// </summary>
public sealed record ReturnRange(double Min, double Max)
{
    public double Clamp(double value) => double.IsNaN(value) ? value : Math.Clamp(value, Min, Max);
}
