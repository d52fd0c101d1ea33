using Akka.Dispatch;

namespace ImpalaAkka.Simulation.Determinism;

using Config = Akka.Configuration.Config;

/// <summary>
/// Akka's entry point for <see cref="DeterministicDispatcher"/> (its <c>type</c> in a dispatcher
/// section). Akka builds one configurator per dispatcher id and system, so each system gets one
/// dispatcher and one <see cref="DeterministicPump"/>, seeded by the section's <c>seed</c> (default 0).
/// Other dispatcher ids share it by being aliases of this one, not by a registry.
/// </summary>
internal sealed class DeterministicDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly DeterministicDispatcher dispatcher;

    /// <summary>The constructor Akka requires of a dispatcher <c>type</c>.</summary>
    public DeterministicDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
        dispatcher = new DeterministicDispatcher(this, new DeterministicPump(Config.GetInt("seed", 0)));
    }

    public override MessageDispatcher Dispatcher() => dispatcher;
}
