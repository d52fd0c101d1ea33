using Akka.Actor;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// Plays a rollout actor for the cluster bench: publishes copies of one unroll (a new sequence
/// number each) into an outbox, keeping at most <c>window</c> published and not yet consumed; the
/// outbox's cumulative <see cref="ConsumedTotal"/> is the credit, as in RolloutFlow. Confirms are
/// ignored: nothing is published again.
/// </summary>
internal sealed class OutboxPublisherActor : ReceiveActor
{
    private readonly IActorRef outbox;
    private readonly Unroll unroll;
    private readonly int window;
    private long published;
    private long consumed;

    public OutboxPublisherActor(IActorRef outbox, Unroll unroll, int window)
    {
        this.outbox = outbox;
        this.unroll = unroll;
        this.window = window;
        Receive<ConsumedTotal>(OnCredit);
        Receive<UnrollConfirmed>(_ => { });
    }

    protected override void PreStart() => Fill();

    private void OnCredit(ConsumedTotal m)
    {
        consumed = Math.Max(consumed, m.Count);
        Fill();
    }

    private void Fill()
    {
        while (published - consumed < window)
        {
            published++;
            outbox.Tell(unroll with { Producer = unroll.Producer with { Sequence = published } }, Self);
        }
    }
}
