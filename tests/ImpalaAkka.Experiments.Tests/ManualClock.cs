namespace ImpalaAkka.Experiments.Tests;

/// <summary>A time provider that moves only when a test (or a fake cell) advances it.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly object gate = new();
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (gate) return ticks;
    }

    public void Advance(TimeSpan by)
    {
        lock (gate) ticks += by.Ticks;
    }
}
