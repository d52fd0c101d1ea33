using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Simulation.Trace;

/// <summary>
/// What a message was, without holding it (unrolls are large): its type, the producer id it is about
/// (unrolls, confirms, deliveries), its delivery tag and whether it was a redelivery, and a stable
/// content-identifying description (never an object identity).
/// </summary>
public sealed record MessageSummary(Type Type, ProducerId? Producer, long? Tag, bool Redelivered, string Description)
{
    public static MessageSummary Of(object message) => message switch
    {
        Unroll u => new(typeof(Unroll), u.Producer, null, false, $"Unroll {u.Producer} v{u.ParameterVersion}"),
        UnrollConfirmed c => new(typeof(UnrollConfirmed), c.Producer, null, false, $"Confirmed {c.Producer}"),
        UnrollDelivery d => new(typeof(UnrollDelivery), d.Unroll.Producer, d.Tag, d.Redelivered,
            $"Delivery #{d.Tag} {d.Unroll.Producer}{(d.Redelivered ? " redelivered" : "")}"),
        DeliveriesUsed used => Plain(message, $"Used [{string.Join(",", used.Tags)}]"),
        AckUnrolls ack => Plain(message, $"Ack [{string.Join(",", ack.Tags)}]"),
        ConsumedTotal t => Plain(message, $"ConsumedTotal {t.Count}"),
        ConsumeUnrolls c => Plain(message, $"Consume prefetch {c.Prefetch}"),
        ParameterDelivery p => Plain(message, $"Parameters v{p.Parameters.Version} (latest v{p.Latest})"),
        SubscribeParameters => Plain(message, "Subscribe"),
        _ => Plain(message, message.GetType().Name),
    };

    private static MessageSummary Plain(object message, string description) => new(message.GetType(), null, null, false, description);
}
