using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>Starts the workload: the hub schedules its delayed pings.</summary>
internal sealed record Start;

/// <summary>A peer asks its hub for its siblings (again after each restart).</summary>
internal sealed record NeedPeers;

internal sealed record Peers(IReadOnlyList<IActorRef> All);

/// <summary>A message hopping between peers until <see cref="Hops"/> runs out.</summary>
internal sealed record Ping(int Hops, string Origin);

/// <summary>A peer's periodic timer message.</summary>
internal sealed record Tick;

internal sealed record Job(int Number);

internal sealed record Done(int Number);

internal sealed record StopPeer(int Index);
