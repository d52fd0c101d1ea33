using Akka.Event;

namespace ImpalaAkka.Simulation.Determinism;

/// <summary>
/// A logger that is not an actor: configured as both <c>akka.stdout-logger-class</c> and the only
/// entry of <c>akka.loggers</c>, it receives every log event synchronously on the publishing
/// thread, so <c>ActorSystem.Create</c> has no logger actor to wait for and log order follows the
/// pump. Akka creates one per system with its parameterless constructor.
/// </summary>
internal sealed class CapturingLogger : MinimalLogger
{
    private readonly List<LogLine> lines = [];
    private readonly Lock gate = new();
    private Func<TimeSpan> clock = static () => TimeSpan.Zero;

    /// <summary>A copy of what was logged so far, oldest first.</summary>
    public IReadOnlyList<LogLine> Lines
    {
        get
        {
            lock (gate) return [.. lines];
        }
    }

    /// <summary>Stamps later lines with this clock; lines logged before it is set carry zero, as virtual time has not moved then.</summary>
    public void UseClock(Func<TimeSpan> virtualNow)
    {
        ArgumentNullException.ThrowIfNull(virtualNow);
        lock (gate) clock = virtualNow;
    }

    protected override void Log(object message)
    {
        if (message is not LogEvent e) return;
        lock (gate) lines.Add(new LogLine(clock(), e.LogLevel(), e.LogSource ?? "", e.Message?.ToString() ?? "", e.Cause));
    }
}
