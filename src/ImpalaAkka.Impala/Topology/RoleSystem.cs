using Akka.Actor;
using Akka.Actor.Setup;
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
    public static (ActorSystem System, EventSink Events) Create(string name, Action<RuntimeEvent>? onEvent, string extraHocon = "", Setup? setup = null)
    {
        var config = ConfigurationFactory.ParseString($$"""
            {{extraHocon}}
            {{EventSink.Hocon("INFO")}}
            akka.actor.guardian-supervisor-strategy = "Akka.Actor.StoppingSupervisorStrategy"
            akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
            """);
        var bootstrap = BootstrapSetup.Create().WithConfig(config);
        var system = setup is null ? ActorSystem.Create(name, bootstrap) : ActorSystem.Create(name, ActorSystemSetup.Create(bootstrap, setup));
        var events = EventSink.Of(system);
        events.OnEvent = onEvent;
        return (system, events);
    }
}
