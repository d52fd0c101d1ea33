using Akka.Actor;
using Akka.Event;
using ImpalaAkka.Cluster.Messages;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>
/// On a rollout node, receives parameter versions from the learner's broadcaster and hands every
/// version newer than the last to the node's own parameter server (which serves the rollout actors
/// and injects lag); older ones are ignored, so versions only increase. Every receipt is confirmed
/// with the version held, which asks for the next. A version whose tensors do not fit the model is
/// refused and logged. <c>onVersion</c> sees each accepted version with its publish time.
/// </summary>
public sealed class ParameterRelayActor : ReceiveActor
{
    private readonly ILoggingAdapter log = Context.GetLogger();
    private long latest = -1;

    public ParameterRelayActor(IActorRef localServer, IReadOnlyList<long[]> shapes, Action<long, long>? onVersion = null)
    {
        Receive<ParameterBroadcast>(m =>
        {
            if (Misfit(m, shapes) is { } reason)
            {
                log.Warning("refused parameters version {0}: {1}", m.Parameters.Version, reason);
                return;
            }
            if (m.Parameters.Version > latest)
            {
                latest = m.Parameters.Version;
                onVersion?.Invoke(latest, m.PublishedUnixMs);
                localServer.Tell(new PublishParameters(m.Parameters), Self);
            }
            Sender.Tell(new ParametersReceived(latest), Self);
        });
    }

    private static string? Misfit(ParameterBroadcast m, IReadOnlyList<long[]> shapes)
    {
        var values = m.Parameters.Values;
        if (values.Count != shapes.Count) return $"{values.Count} tensors, the model has {shapes.Count}";
        for (var i = 0; i < shapes.Count; i++)
        {
            var size = shapes[i].Aggregate(1L, (a, d) => a * d);
            if (values[i].Length != size) return $"tensor {i} holds {values[i].Length} values, the model's [{string.Join(", ", shapes[i])}] holds {size}";
        }
        return null;
    }
}
