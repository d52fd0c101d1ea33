using Akka.Actor;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Cluster.Messages;

// The messages that cross processes in cluster mode besides the unroll queue's own protocol
// (ConsumeUnrolls, UnrollDelivery, DeliveriesUsed, AckUnrolls in ImpalaAkka.Impala.Messages).
// Every one of them has a protobuf form (Wire/impala.proto) and goes through ImpalaSerializer.

/// <summary>
/// Rollout node -> learner (through the singleton proxy), every heartbeat interval: here is my
/// outbox (consume from it) and my parameter relay (send parameters to it), and how I am doing.
/// Idempotent: the learner side keeps the latest per node and incarnation.
/// </summary>
public sealed record RolloutNodeStatus(
    string Node,
    long Incarnation,
    IActorRef Outbox,
    IActorRef ParameterRelay,
    double FramesPerSecond,
    long Version,
    long Restarts);

/// <summary>Learner -> a rollout node's parameter relay: one version (latest-version semantics: at most one in flight per node).</summary>
public sealed record ParameterBroadcast(PolicyParameters Parameters, long PublishedUnixMs);

/// <summary>Parameter relay -> learner's broadcaster: I hold version <c>Version</c> (or newer); send me a newer one when there is one.</summary>
public sealed record ParametersReceived(long Version);
