using Akka.Actor;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// The raw-remoting side of the cluster bench: sends <c>message(n)</c> for n = 1, 2, ... to a sink,
/// keeping at most <c>window</c> not yet acknowledged; each tag in an <see cref="AckUnrolls"/>
/// acknowledges one.
/// </summary>
internal sealed class WindowedSenderActor : ReceiveActor
{
    private readonly IActorRef sink;
    private readonly Func<long, object> message;
    private readonly int window;
    private long sent;
    private long acked;

    public WindowedSenderActor(IActorRef sink, Func<long, object> message, int window)
    {
        this.sink = sink;
        this.message = message;
        this.window = window;
        Receive<AckUnrolls>(OnAck);
    }

    protected override void PreStart() => Fill();

    private void OnAck(AckUnrolls m)
    {
        acked += m.Tags.Length;
        Fill();
    }

    private void Fill()
    {
        while (sent - acked < window)
        {
            sent++;
            sink.Tell(message(sent), Self);
        }
    }
}
