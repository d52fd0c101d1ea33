using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>
/// Pings its siblings on a periodic timer and forwards the pings it gets, fails on every ninth
/// ping (its hub restarts it), and now and then hands a job to a short-lived child.
/// </summary>
internal sealed class Peer : ReceiveActor, IWithTimers
{
    private readonly TraceLog trace;
    private readonly int index;
    private IReadOnlyList<IActorRef> peers = [];
    private int received;
    private int ticks;
    private int jobs;

    public Peer(TraceLog trace, int index)
    {
        this.trace = trace;
        this.index = index;
        Receive<Peers>(p => OnPeers(p));
        Receive<Tick>(_ => OnTick());
        Receive<Ping>(p => OnPing(p));
        Receive<Done>(d => trace.Add(Context, $"done {d.Number} from {Sender.Path.Name}"));
        Receive<Terminated>(t => trace.Add(Context, $"terminated {t.ActorRef.Path.Name}"));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        trace.Add(Context, "start");
        // Two intervals: peers often tick at the same instant, so their ping chains interleave.
        Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromMilliseconds(index % 2 == 0 ? 10 : 15));
        Context.Parent.Tell(new NeedPeers());
    }

    protected override void PreRestart(Exception reason, object message)
    {
        trace.Add(Context, $"restart after {reason.Message} on {message}");
        base.PreRestart(reason, message);
    }

    protected override void PostStop() => trace.Add(Context, "stop");

    private void OnPeers(Peers p)
    {
        peers = p.All;
        trace.Add(Context, $"peers {p.All.Count}");
    }

    private void OnTick()
    {
        ticks++;
        trace.Add(Context, $"tick {ticks}");
        if (peers.Count > 0) peers[(ticks + index) % peers.Count].Tell(new Ping(3, Self.Path.Name));
        if (ticks % 3 == 0)
        {
            var worker = Context.ActorOf(Props.Create(() => new Worker(trace)), $"job-{jobs}");
            Context.Watch(worker);
            worker.Tell(new Job(jobs++));
        }
    }

    private void OnPing(Ping ping)
    {
        received++;
        trace.Add(Context, $"ping {ping.Hops} of {ping.Origin} from {Sender.Path.Name}");
        if (received % 9 == 0) throw new InvalidOperationException($"failure {received} of peer {index}");
        if (ping.Hops > 0 && peers.Count > 0) peers[(ping.Hops * 7 + index + received) % peers.Count].Tell(ping with { Hops = ping.Hops - 1 });
    }
}
