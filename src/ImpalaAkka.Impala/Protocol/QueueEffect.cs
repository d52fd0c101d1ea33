using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Impala.Protocol;

/// <summary>
/// One message the unroll queue sends, as returned by <see cref="UnrollQueueBook{TPeer}"/>, to be
/// sent in the order returned. A closed hierarchy: <see cref="Confirm"/>, <see cref="Deliver"/>,
/// <see cref="Credit"/>.
/// </summary>
internal abstract record QueueEffect<TPeer>
    where TPeer : notnull
{
    private QueueEffect()
    {
    }

    /// <summary>To the publisher: <c>UnrollConfirmed(Producer)</c>, the unroll is stored.</summary>
    public sealed record Confirm(TPeer Publisher, ProducerId Producer) : QueueEffect<TPeer>;

    /// <summary>To the consumer: <c>UnrollDelivery(Tag, Unroll, Redelivered)</c>.</summary>
    public sealed record Deliver(TPeer Consumer, long Tag, Unroll Unroll, bool Redelivered) : QueueEffect<TPeer>;

    /// <summary>To the publisher: <c>ConsumedTotal(Consumed)</c>, the cumulative count of its unrolls used or acked.</summary>
    public sealed record Credit(TPeer Publisher, long Consumed) : QueueEffect<TPeer>;
}
