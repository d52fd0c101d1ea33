using ImpalaAkka.Actors;

namespace ImpalaAkka.Experiments.Tests;

/// <summary>A clock that moves only when a test (or a fake cell) advances it.</summary>
internal sealed class ManualClock : IClock
{
    private readonly object gate = new();
    private TimeSpan now;

    public TimeSpan Now
    {
        get
        {
            lock (gate) return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (gate) now += by;
    }
}
