using Akka.Actor;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// Plays the learner for the cluster bench: consumes from the inbox with <c>prefetch</c> and answers
/// every delivery at once with <see cref="DeliveriesUsed"/> then <see cref="AckUnrolls"/> for its
/// tag alone (no batching: the most return traffic the protocol can cause).
/// </summary>
internal sealed class InstantLearnerActor : ReceiveActor
{
    private readonly IActorRef inbox;
    private readonly int prefetch;

    public InstantLearnerActor(IActorRef inbox, int prefetch, Action onDelivery)
    {
        this.inbox = inbox;
        this.prefetch = prefetch;
        Receive<UnrollDelivery>(d =>
        {
            onDelivery();
            Sender.Tell(new DeliveriesUsed([d.Tag]), Self);
            Sender.Tell(new AckUnrolls([d.Tag]), Self);
        });
    }

    protected override void PreStart() => inbox.Tell(new ConsumeUnrolls(prefetch), Self);
}
