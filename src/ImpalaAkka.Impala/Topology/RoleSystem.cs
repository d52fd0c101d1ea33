using Akka.Actor;
using Akka.Configuration;

namespace ImpalaAkka.Impala.Topology;

/// <summary>
/// Creates the Akka <see cref="ActorSystem"/> the roles run in on real time (in-process training and
/// cluster nodes). A top-level role that fails is stopped, not restarted: the learner's watch then ends
/// the run, and rollout actors have their own back-off supervisor. Akka's own HOCON parser only ever sees
/// this text, never a user's file.
/// </summary>
public static class RoleSystem
{
    public static (ActorSystem System, EventSink Events) Create(string name, Action<RuntimeEvent>? onEvent, string extraHocon = "")
    {
        var config = ConfigurationFactory.ParseString($$"""
            {{extraHocon}}
            {{EventSink.Hocon("INFO")}}
            akka.actor.guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy"
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """);
        var system = ActorSystem.Create(name, config);
        var events = EventSink.Of(system);
        events.OnEvent = onEvent;
        return (system, events);
    }
}
