using Akka.Actor;
using Akka.Event;

namespace ImpalaAkka.Impala.Topology;

/// <summary>
/// Akka's log events and dead letters, handed to a plain callback on the publishing thread. It is a
/// <see cref="MinimalLogger"/> (no actor), installed as the system's only logger and stdout logger, so
/// starting a system never waits for a logger actor and the deterministic simulation sees log events
/// in the order they happen. Akka creates it by type name; <see cref="Of"/> finds a system's instance.
/// </summary>
public sealed class EventSink : MinimalLogger
{
    private long deadLetters;

    /// <summary>Receives every event at the configured level or above; null: events are dropped.</summary>
    public Action<RuntimeEvent>? OnEvent { get; set; }

    /// <summary>Messages that reached no live actor so far.</summary>
    public long DeadLetters => Interlocked.Read(ref deadLetters);

    /// <summary>The HOCON that makes a system log (at <paramref name="level"/>) through this sink only.</summary>
    public static string Hocon(string level) => $$"""
        akka.loglevel = {{level}}
        akka.stdout-loglevel = {{level}}
        akka.stdout-logger-class = "{{typeof(EventSink).AssemblyQualifiedName}}"
        akka.loggers = ["{{typeof(EventSink).FullName}}, {{typeof(EventSink).Assembly.GetName().Name}}"]
        akka.log-dead-letters = off
        akka.log-dead-letters-during-shutdown = off
        """;

    /// <summary>The sink of <paramref name="system"/>, subscribed to its dead letters.</summary>
    public static EventSink Of(ActorSystem system)
    {
        var sink = system.Settings.StdoutLogger as EventSink
            ?? throw new InvalidOperationException($"actor system {system.Name} was not configured with EventSink.Hocon");
        system.EventStream.Subscribe(sink, typeof(AllDeadLetters));
        return sink;
    }

    protected override void Log(object message)
    {
        switch (message)
        {
            case AllDeadLetters:
                Interlocked.Increment(ref deadLetters);
                break;
            case LogEvent e when OnEvent is { } onEvent:
                onEvent(new RuntimeEvent(LevelOf(e.LogLevel()), e.LogSource ?? "", e.Message?.ToString() ?? "", e is Error error ? error.Cause : null));
                break;
        }
    }

    private static RuntimeEventLevel LevelOf(LogLevel level) => level switch
    {
        LogLevel.DebugLevel => RuntimeEventLevel.Debug,
        LogLevel.InfoLevel => RuntimeEventLevel.Info,
        LogLevel.WarningLevel => RuntimeEventLevel.Warning,
        _ => RuntimeEventLevel.Error,
    };
}
