using Akka.Actor;

namespace ImpalaAkka.Impala.Topology;

/// <summary>
/// How the roles of one node reach the shared ones, and on which clock they run: the seam between
/// the role graph and its wiring (one process, the simulated network, the cluster).
/// </summary>
public interface IRoleTransport
{
    /// <summary>Where <paramref name="node"/>'s roles publish unrolls to and consume them from.</summary>
    IActorRef Queue(string node);

    /// <summary>Where <paramref name="node"/>'s rollout actors subscribe to parameters.</summary>
    IActorRef ParameterServer(string node);

    /// <summary>What compute costs on this wiring's clock.</summary>
    ComputeClock Compute => ComputeClock.RealTime;

    /// <summary>How often rollout actors subscribe again and the learner registers again with the queue (lost registrations heal).</summary>
    TimeSpan Heartbeat => TimeSpan.FromSeconds(1);

    /// <summary>When a rollout actor publishes an unconfirmed unroll again.</summary>
    TimeSpan ConfirmTimeout => TimeSpan.FromSeconds(30);
}
