using System.Runtime.CompilerServices;
using Akka.Actor;
using Akka.Dispatch;

namespace ImpalaAkka.Simulation.Determinism;

/// <summary>
/// A <see cref="MessageDispatcher"/> that runs nothing itself: every mailbox run (and any other
/// task Akka hands it) goes onto its <see cref="DeterministicPump"/>, keyed by the actor's path so
/// the pump's pick does not depend on arrival order.
/// </summary>
/// <remarks>
/// Reads from its dispatcher config: <c>throughput</c> (messages per mailbox run, default 1 so that
/// every message is a separate scheduling decision) and <c>shutdown-timeout</c> (a virtual-time
/// delay here). No throughput deadline is set, because Akka measures that one on the wall clock.
/// </remarks>
internal sealed class DeterministicDispatcher : MessageDispatcher
{
    // Akka's Mailbox does not expose its actor publicly, so remember the path of each mailbox when
    // its cell attaches, which happens before the mailbox is first scheduled. Weak, so stopped
    // actors' mailboxes are collected.
    private readonly ConditionalWeakTable<Mailbox, string> paths = new();

    public DeterministicDispatcher(MessageDispatcherConfigurator configurator, DeterministicPump pump)
        : base(configurator)
    {
        Pump = pump;
        Id = configurator.Config.GetString("id");
        Throughput = configurator.Config.GetInt("throughput", 1);
        if (Throughput < 1) throw new ArgumentOutOfRangeException(nameof(configurator), Throughput, $"{Id}.throughput must be >= 1");
        ShutdownTimeout = configurator.Config.GetTimeSpan("shutdown-timeout", TimeSpan.FromSeconds(1));
        ThroughputDeadlineTime = null;
    }

    public DeterministicPump Pump { get; }

    public override void Attach(ActorCell cell)
    {
        if (cell.Mailbox is { } mailbox) paths.AddOrUpdate(mailbox, cell.Self.Path.ToStringWithoutAddress());
        base.Attach(cell);
    }

    protected override void ExecuteTask(IRunnable run) =>
        Pump.Enqueue(run, run is Mailbox mailbox && paths.TryGetValue(mailbox, out var path) ? path : null);

    /// <summary>Nothing to release: the pump owns no thread.</summary>
    protected override void Shutdown()
    {
    }
}
