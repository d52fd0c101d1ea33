using Akka.Actor;
using Akka.Remote;
using Akka.Remote.Transport;

namespace ImpalaAkka.Cluster.Hosting;

/// <summary>
/// Chaos runs cut the network with this: every 200 ms it reads the control file, whose lines are
/// pairs "host:port host:port", and blackholes (Akka's throttle adapter, both directions) every peer
/// this node is paired with; a pair that disappears from the file is healed. Both nodes of a pair
/// apply it, so the cut is symmetric. A missing file means no cuts. Needs fault-injection = on.
/// </summary>
public sealed class PartitionControlActor : ReceiveActor, IWithTimers
{
    private sealed record Poll
    {
        public static readonly Poll Instance = new();
    }

    private readonly HashSet<Endpoint> cut = [];

    public PartitionControlActor(string controlFile, Endpoint self, ClusterSettings cluster, Action<string>? onChange = null)
    {
        Receive<Poll>(_ =>
        {
            var wanted = Read(controlFile, self);
            var transport = ((RemoteActorRefProvider)((ExtendedActorSystem)Context.System).Provider).Transport;
            foreach (var peer in wanted.Except(cut).ToList())
            {
                transport.ManagementCommand(new SetThrottle(Address.Parse(cluster.AddressOf(peer)), ThrottleTransportAdapter.Direction.Both, Blackhole.Instance));
                cut.Add(peer);
                onChange?.Invoke($"partition: cut {self} <-> {peer}");
            }
            foreach (var peer in cut.Except(wanted).ToList())
            {
                transport.ManagementCommand(new SetThrottle(Address.Parse(cluster.AddressOf(peer)), ThrottleTransportAdapter.Direction.Both, Unthrottled.Instance));
                cut.Remove(peer);
                onChange?.Invoke($"partition: healed {self} <-> {peer}");
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart() => Timers.StartPeriodicTimer(nameof(Poll), Poll.Instance, TimeSpan.Zero, TimeSpan.FromMilliseconds(200));

    /// <summary>The peers <paramref name="self"/> is cut from according to the file (lines that do not parse are ignored).</summary>
    public static HashSet<Endpoint> Read(string controlFile, Endpoint self)
    {
        var peers = new HashSet<Endpoint>();
        foreach (var line in RunFiles.Lines(controlFile))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || ClusterSettings.ParseEndpoint(parts[0]) is not { } a || ClusterSettings.ParseEndpoint(parts[1]) is not { } b) continue;
            if (a == self && b != self) peers.Add(b);
            else if (b == self && a != self) peers.Add(a);
        }
        return peers;
    }
}
