namespace ImpalaAkka.Impala.Learning.Optim;

/// <summary>The paper's schedule: the rate falls linearly from <see cref="Initial"/> at step 0 to 0 at <see cref="TotalSteps"/>, and stays 0 after.</summary>
public sealed record LinearDecaySchedule
{
    public LinearDecaySchedule(double initial, long totalSteps)
    {
        if (initial < 0) throw new ArgumentOutOfRangeException(nameof(initial), initial, "initial rate must be >= 0");
        if (totalSteps <= 0) throw new ArgumentOutOfRangeException(nameof(totalSteps), totalSteps, "total steps must be > 0");
        Initial = initial;
        TotalSteps = totalSteps;
    }

    public double Initial { get; }

    public long TotalSteps { get; }

    public double At(long step) => Initial * Math.Max(0.0, 1.0 - (double)step / TotalSteps);
}
