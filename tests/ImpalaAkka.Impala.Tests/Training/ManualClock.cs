namespace ImpalaAkka.Impala.Tests.Training;

/// <summary>A clock that reads what the test set.</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
