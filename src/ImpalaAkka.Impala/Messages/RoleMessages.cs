using Akka.Actor;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Messages;

/// <summary>Learner -> parameter server: a new version.</summary>
public sealed record PublishParameters(PolicyParameters Parameters);

/// <summary>Rollout actor -> parameter server: send me (the sender) parameters now and after every publish. Repeated periodically.</summary>
public sealed record SubscribeParameters
{
    public static readonly SubscribeParameters Instance = new();
}

/// <summary>
/// Parameter server -> rollout actor: the parameters to act with (the latest, or older when lag is
/// injected) and the latest published version at the time, which tells a new publish from a
/// repeated delivery.
/// </summary>
public sealed record ParameterDelivery(PolicyParameters Parameters, long Latest);

/// <summary>Learner -> replay: keep this unroll.</summary>
public sealed record StoreUnroll(Unroll Unroll);

/// <summary>Learner -> replay: send <c>Count</c> unrolls drawn uniformly, or none if fewer are stored.</summary>
public sealed record SampleUnrolls(int Count);

public sealed record SampledUnrolls(IReadOnlyList<Unroll> Unrolls);

/// <summary>A rollout actor's own "act on" tick.</summary>
internal sealed record ContinueActing
{
    public static readonly ContinueActing Instance = new();
}

/// <summary>Trainer -> learner: stop learning, write the final checkpoint, reply <see cref="LearnerStopped"/>.</summary>
public sealed record StopLearner
{
    public static readonly StopLearner Instance = new();
}

public sealed record LearnerStopped(long Version, string? CheckpointError);
