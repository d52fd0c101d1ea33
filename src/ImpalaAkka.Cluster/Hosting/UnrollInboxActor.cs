using Akka.Actor;
using Akka.Event;
using ImpalaAkka.Cluster.Messages;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>
/// On the active learner's node, plays the unroll queue for the learner: registers as the consumer
/// of every rollout node's outbox (learned from their status reports), splitting the learner's
/// prefetch between them, hands every delivery on under its own tag (<see cref="InboxBook{TOutbox}"/>),
/// and routes the learner's "used" and "ack" back to the outbox holding the unroll. An outbox keeps
/// an unroll until it is acked, so a learner that dies loses nothing: the next one's inbox becomes
/// the consumer and the outboxes deliver again everything not acked. <c>onAccepted</c> sees every
/// delivery before the learner does (accepted.log); a delivery it cannot record is not handed on (its
/// outbox delivers it again) and <c>onRecordFailed</c> is told, which stops the run.
/// </summary>
public sealed class UnrollInboxActor : ReceiveActor
{
    private readonly InboxBook<IActorRef> book = new();
    private readonly HashSet<IActorRef> outboxes = [];
    private IActorRef? learner;
    private int prefetch = 1;

    public UnrollInboxActor(Action<Unroll>? onAccepted = null, Action? onRecordFailed = null)
    {
        var log = Context.GetLogger();
        Receive<ConsumeUnrolls>(m =>
        {
            learner = Sender;
            prefetch = Math.Max(1, m.Prefetch);
            foreach (var outbox in outboxes) Consume(outbox);
        });
        Receive<RolloutNodeStatus>(m => Register(m.Outbox));
        Receive<UnrollDelivery>(d =>
        {
            if (learner is null) return; // not consuming yet: the outbox delivers it again later
            Register(Sender);
            try
            {
                onAccepted?.Invoke(d.Unroll);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                log.Error(e, "delivery of {0} not recorded, so not accepted: {1}", d.Unroll.Producer, e.Message);
                onRecordFailed?.Invoke();
                return;
            }
            learner.Tell(new UnrollDelivery(book.Arrived(Sender, d.Tag), d.Unroll, d.Redelivered), Self);
        });
        Receive<DeliveriesUsed>(m =>
        {
            foreach (var (outbox, tags) in book.Route(m.Tags, forget: false)) outbox.Tell(new DeliveriesUsed(tags), Self);
        });
        Receive<AckUnrolls>(m =>
        {
            foreach (var (outbox, tags) in book.Route(m.Tags, forget: true)) outbox.Tell(new AckUnrolls(tags), Self);
        });
        Receive<Terminated>(m =>
        {
            outboxes.Remove(m.ActorRef);
            book.OutboxGone(m.ActorRef);
        });
    }

    private void Register(IActorRef outbox)
    {
        if (!outboxes.Add(outbox)) return;
        Context.Watch(outbox);
        Consume(outbox);
    }

    /// <summary>Each outbox gets an equal share of the learner's prefetch, so what waits for the learner stays near one prefetch however many nodes there are.</summary>
    private void Consume(IActorRef outbox)
    {
        if (learner is null) return;
        outbox.Tell(new ConsumeUnrolls(Math.Max(1, (prefetch + outboxes.Count - 1) / outboxes.Count)), Self);
    }
}
