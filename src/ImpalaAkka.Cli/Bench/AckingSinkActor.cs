using Akka.Actor;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cli.Bench;

/// <summary>The receiving end of the raw-remoting bench: counts each <see cref="UnrollDelivery"/> or byte[] and acknowledges it with a one-tag <see cref="AckUnrolls"/>.</summary>
internal sealed class AckingSinkActor : ReceiveActor
{
    public AckingSinkActor(Action onDelivery)
    {
        Receive<UnrollDelivery>(d =>
        {
            onDelivery();
            Sender.Tell(new AckUnrolls([d.Tag]), Self);
        });
        Receive<byte[]>(_ =>
        {
            onDelivery();
            Sender.Tell(new AckUnrolls([0]), Self);
        });
    }
}
