using System.Diagnostics;

namespace ImpalaAkka.Actors;

/// <summary>The machine's monotonic clock.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    private readonly long origin = Stopwatch.GetTimestamp();

    public TimeSpan Now => Stopwatch.GetElapsedTime(origin);
}
