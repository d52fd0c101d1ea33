using Akka.Actor;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Protocol;
using ImpalaAkka.Impala.Topology;

namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// A durable unroll queue with a message broker's semantics (the book is <see cref="UnrollQueueBook{TPeer}"/>):
/// every published unroll is stored and confirmed to its publisher, delivered to the registered
/// consumer with a tag (at most <c>prefetch</c> unacknowledged), and deleted only when acked. A
/// delivery neither marked used nor acked within <c>redeliveryTimeout</c> is delivered again
/// (flagged redelivered), and a new consumer takes over everything not acked. It forwards
/// flow-control credit to publishers as a cumulative count. Duplicates are the learner's to recognise.
/// </summary>
public sealed class UnrollQueueActor : ReceiveActor, IWithTimers
{
    private readonly UnrollQueueBook<IActorRef> book;
    private readonly IRunObserver observer;

    public UnrollQueueActor(TimeSpan redeliveryTimeout, IRunObserver? observer = null)
    {
        book = new UnrollQueueBook<IActorRef>(redeliveryTimeout);
        this.observer = observer ?? NoObserver.Instance;
        Receive<Unroll>(OnPublish);
        Receive<ConsumeUnrolls>(OnConsume);
        Receive<DeliveriesUsed>(m => Send(book.Used(m.Tags, Now)));
        Receive<AckUnrolls>(m => Send(book.Ack(m.Tags, Now)));
        Receive<RedeliveryTick>(_ => Send(book.Redeliver(Now)));
        Receive<GetQueueStats>(_ => Sender.Tell(book.Stats(), Self));
        Receive<Terminated>(m => book.ConsumerGone(m.ActorRef));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private sealed record RedeliveryTick;

    private TimeSpan Now => Context.System.Scheduler.Elapsed();

    protected override void PreStart()
    {
        if (book.RedeliveryInterval is { } interval) Timers.StartPeriodicTimer(nameof(RedeliveryTick), new RedeliveryTick(), interval);
    }

    private void OnPublish(Unroll unroll)
    {
        observer.Accepted(unroll.Producer);
        Send(book.Publish(Sender, unroll, Now));
    }

    private void OnConsume(ConsumeUnrolls consume)
    {
        if (!book.IsConsumer(Sender)) Context.Watch(Sender);
        Send(book.Consume(Sender, consume.Prefetch, Now));
    }

    private void Send(IReadOnlyList<QueueEffect<IActorRef>> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case QueueEffect<IActorRef>.Confirm c:
                    c.Publisher.Tell(new UnrollConfirmed(c.Producer), Self);
                    break;
                case QueueEffect<IActorRef>.Deliver d:
                    d.Consumer.Tell(new UnrollDelivery(d.Tag, d.Unroll, d.Redelivered), Self);
                    break;
                case QueueEffect<IActorRef>.Credit c:
                    c.Publisher.Tell(new ConsumedTotal(c.Consumed), Self);
                    break;
            }
        }
    }
}
