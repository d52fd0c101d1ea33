namespace ImpalaAkka.Impala.Tests.Protocol;

/// <summary>What happens next in an <see cref="ExactlyOnceModel"/> run.</summary>
internal enum FaultOpKind
{
    /// <summary>A producer publishes its next unroll (some malformed, versions behind the learner's).</summary>
    Publish,

    /// <summary>A producer publishes one of its earlier unrolls again (its confirm was slow or lost).</summary>
    Republish,

    /// <summary>A delivery in transit reaches the learner.</summary>
    Deliver,

    /// <summary>A delivery in transit reaches the learner and stays in transit (the network duplicated it).</summary>
    DuplicateDelivery,

    /// <summary>A delivery in transit is lost.</summary>
    LoseDelivery,

    /// <summary>A message in transit reaches the queue (used, ack, consume or consumer-gone).</summary>
    Notify,

    /// <summary>A learner notice in transit (used, ack or consume) is lost.</summary>
    LoseNotice,

    /// <summary>The learner steps when a batch is ready.</summary>
    Step,

    /// <summary>The learner writes a checkpoint and acks what it made durable.</summary>
    Checkpoint,

    /// <summary>The learner crashes: a new one restores the last checkpoint and registers with the queue.</summary>
    Crash,

    /// <summary>The learner registers with the queue again (its periodic consume).</summary>
    ConsumeTick,

    /// <summary>Time passes and the queue's redelivery tick runs.</summary>
    Tick,

    /// <summary>The queue hears that the live learner terminated (a partition): it re-registers later and takes over.</summary>
    SpuriousConsumerGone,
}
