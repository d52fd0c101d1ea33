using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>
/// Parent and supervisor of four peers (restart on any failure, no time window: Akka counts a
/// window on the wall clock). Sends delayed pings with cancelable one-shot tells, cancelling half.
/// </summary>
internal sealed class Hub : ReceiveActor
{
    public const int PeerCount = 4;

    private readonly TraceLog trace;
    private readonly List<IActorRef> peers = [];

    public Hub(TraceLog trace)
    {
        this.trace = trace;
        Receive<NeedPeers>(_ => Sender.Tell(new Peers(peers)));
        Receive<Start>(_ => OnStart());
        Receive<StopPeer>(s => OnStopPeer(s));
        Receive<Terminated>(t => trace.Add(Context, $"terminated {t.ActorRef.Path.Name}"));
    }

    protected override void PreStart()
    {
        for (var i = 0; i < PeerCount; i++)
        {
            var index = i;
            peers.Add(Context.Watch(Context.ActorOf(Props.Create(() => new Peer(trace, index)), $"peer-{index}")));
        }
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Restart);

    private void OnStart()
    {
        for (var i = 0; i < 6; i++)
        {
            var cancelable = Context.System.Scheduler.ScheduleTellOnceCancelable(
                TimeSpan.FromMilliseconds(5 * (i + 1)), peers[i % PeerCount], new Ping(1, $"delayed-{i}"), Self);
            if (i % 2 == 1) cancelable.Cancel();
        }
        trace.Add(Context, "scheduled 6 delayed pings, cancelled 3");
    }

    private void OnStopPeer(StopPeer stop)
    {
        trace.Add(Context, $"stopping peer-{stop.Index}");
        Context.Stop(peers[stop.Index]);
    }
}
