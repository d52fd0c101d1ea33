using Akka.Configuration;

using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Simulation.Determinism;

using Config = Akka.Configuration.Config;

/// <summary>
/// The Akka configuration of a deterministic system. Keys that determinism depends on override
/// the caller's config; the rest (throughput, log level, guardian strategy, ...) are defaults the
/// caller's config may change.
/// </summary>
internal static class DeterministicConfig
{
    /// <summary>Dispatcher ids that Akka or its modules may look up, all made aliases of the deterministic default dispatcher.</summary>
    public static readonly IReadOnlyList<string> AliasedDispatchers =
    [
        "akka.actor.internal-dispatcher",
        "akka.actor.default-blocking-io-dispatcher",
        "akka.actor.synchronized-dispatcher",
        "akka.actor.task-dispatcher",
        "akka.actor.default-fork-join-dispatcher",
        "akka.io.pinned-dispatcher",
    ];

    public static Config Build(int seed, Config? extra)
    {
        extra ??= Config.Empty;
        // stdout-loglevel filters what reaches the capturing logger and loglevel what is published
        // at all; keep them equal so the caller sets one key.
        var level = extra.HasPath("akka.loglevel") ? extra.GetString("akka.loglevel") : "INFO";
        var aliases = string.Join("\n", AliasedDispatchers.Select(id => $"{id} = \"akka.actor.default-dispatcher\""));
        // No logger actor: ActorSystem.Create would ask it to start and block for
        // logger-startup-timeout while the pump is not running. EventSink is a MinimalLogger, not
        // started as an actor; it also turns off the DeadLetterListener, which suspends and resumes
        // its logging on the wall clock.
        var pinned = ConfigurationFactory.ParseString($$"""
            {{EventSink.Hocon(level)}}
            akka {
              scheduler.implementation = "{{TypeName<VirtualScheduler>()}}"
              # CoordinatedShutdown runs its phases as tasks with wall-clock timeouts on the thread
              # pool; Terminate() then stops the guardian directly. Never hook process exit.
              coordinated-shutdown {
                run-by-actor-system-terminate = off
                run-by-clr-shutdown-hook = off
              }
              actor.default-dispatcher {
                type = "{{TypeName<DeterministicDispatcherConfigurator>()}}"
                seed = {{seed}}
              }
            }
            {{aliases}}
            """);
        var defaults = ConfigurationFactory.ParseString("""
            akka.actor.default-dispatcher.throughput = 1
            """);
        return pinned.WithFallback(extra).WithFallback(defaults);
    }

    private static string TypeName<T>() => $"{typeof(T).FullName}, {typeof(T).Assembly.GetName().Name}";
}
