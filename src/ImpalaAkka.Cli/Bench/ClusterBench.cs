using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using ImpalaAkka.Cluster;
using ImpalaAkka.Cluster.Hosting;
using ImpalaAkka.Cluster.Messages;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Topology;
using ImpalaSerialization = ImpalaAkka.Cluster.Wire.ImpalaSerialization;
using WireCodec = ImpalaAkka.Cluster.Wire.WireCodec;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// Unroll throughput through the cluster data path (outbox <see cref="UnrollQueueActor"/> on one
/// system, <see cref="UnrollInboxActor"/> and a learner on the other) beside raw Akka remoting of
/// the same payload with the same window, and the parameter broadcast's publish-to-relay latency.
/// Two Akka systems in this process over 127.0.0.1 TCP, both with provider = remote and otherwise
/// the cluster's own configuration (<see cref="ClusterSettings.AkkaHocon"/> with
/// <see cref="ImpalaSerialization.Hocon"/>), so every path crosses the same remoting and serializers.
/// </summary>
internal sealed class ClusterBench(ClusterSettings cluster, ClusterBench.Options options)
{
    /// <param name="Measure">Measuring time per case, after <paramref name="Warmup"/>; sampled in windows of one second (or all of it, when shorter).</param>
    /// <param name="Window">Unrolls a producer keeps sent and not consumed (our path) or not acknowledged (raw); also the learner's prefetch.</param>
    /// <param name="PublishesPerSecond">Parameter versions published per second in the latency case.</param>
    public sealed record Options(TimeSpan Measure, TimeSpan Warmup, int Window, double PublishesPerSecond);

    public static readonly BenchPayload[] Payloads =
    [
        new("CartPole: obs [4], T=20, 2 actions", [4], 20, 2),
        new("conv: obs [4, 21, 21], T=20, 6 actions", [4, 21, 21], 20, 6),
    ];

    /// <summary>The parameter tensors of the two network sizes TorchBench times (CartPole MLP 4-64-64, the 10x10 grid conv net).</summary>
    private static readonly (string Name, long[][] Shapes)[] Networks =
    [
        ("CartPole MLP 4-64-64", [[64, 4], [64], [64, 64], [64], [2, 64], [2], [1, 64], [1]]),
        ("grid conv net 16c3-fc128", [[16, 4, 3, 3], [16], [128, 1600], [128], [3, 128], [3], [1, 128], [1]]),
    ];

    private int actorNames;

    public void Run(Action<string> write)
    {
        var hocon = cluster.AkkaHocon("bench", ImpalaSerialization.Hocon) + "\nakka.actor.provider = remote\n";
        var stopping = false; // remoting's complaints while the systems shut down are not findings
        void OnEvent(RuntimeEvent e)
        {
            if (e.Level >= RuntimeEventLevel.Warning && !Volatile.Read(ref stopping)) write($"  akka {e.Level.ToString().ToLowerInvariant()} ({e.Source}): {e.Text}");
        }
        var (rollout, _) = RoleSystem.Create("bench-rollout", OnEvent, hocon, TlsSetup.For(cluster.Tls));
        var (learner, _) = RoleSystem.Create("bench-learner", OnEvent, hocon, TlsSetup.For(cluster.Tls));
        try
        {
            Describe(rollout, write);
            write($"{"payload",-42} {"path",-44} {"wire B",9} {"unrolls/s",11} {"MB/s",9} {"windows",8}");
            foreach (var payload in Payloads)
            {
                var unroll = payload.Build(seed: 1);
                var delivery = new UnrollDelivery(1, unroll, false);
                var bytes = WireCodec.Encode(unroll, payload.ObservationShape, payload.Actions);
                var deliveryBytes = rollout.Serialization.FindSerializerFor(delivery).ToBinary(delivery).Length;
                void Row(string path, int wire, (double Rate, int Windows) m) =>
                    write(string.Create(CultureInfo.InvariantCulture,
                        $"{payload.Name,-42} {path,-44} {wire,9:N0} {m.Rate,11:N0} {m.Rate * wire / 1e6,9:F2} {m.Windows,8}"));
                Row("ours: publisher -> outbox ~> inbox -> learner", deliveryBytes, OurPath(rollout, learner, unroll));
                Row("raw: UnrollDelivery ~> sink, ack each", deliveryBytes, RawPath(rollout, learner, tag => new UnrollDelivery(tag, unroll, false)));
                Row("raw: byte[] (WireCodec protobuf) ~> sink", bytes.Length, RawPath(rollout, learner, _ => bytes));
            }
            write($"{"parameters",-42} {"path",-44} {"wire B",9} {"p50 ms",11} {"p95 ms",9} {"arrived",8}");
            foreach (var (name, shapes) in Networks) Latency(rollout, learner, name, shapes, write);
        }
        finally
        {
            Volatile.Write(ref stopping, true);
            Task.WaitAll(rollout.Terminate(), learner.Terminate());
        }
    }

    private void Describe(ActorSystem rollout, Action<string> write)
    {
        var delivery = new UnrollDelivery(1, Payloads[0].Build(seed: 1), false);
        var serializer = rollout.Serialization.FindSerializerFor(delivery).GetType().Name;
        var fallback = ImpalaSerialization.Hocon.Length == 0 ? " (ImpalaSerialization.Hocon is empty: Akka's default JSON fallback)" : "";
        write(string.Create(CultureInfo.InvariantCulture,
            $"cluster bench: 2 Akka systems in this process, both provider = remote with the cluster's remoting config, 127.0.0.1 TCP, maximum-frame-size {cluster.MaxMessageBytes + (64 << 10):N0} B"));
        write($"serializers: UnrollDelivery -> {serializer}{fallback}; byte[] -> {rollout.Serialization.FindSerializerFor(Array.Empty<byte>()).GetType().Name}");
        write(string.Create(CultureInfo.InvariantCulture,
            $"window {options.Window} unrolls unconsumed/unacked per producer, learner prefetch {options.Window}; the learner answers each delivery with DeliveriesUsed + AckUnrolls (one tag each, no batching); raw sinks ack each message with AckUnrolls"));
        write(string.Create(CultureInfo.InvariantCulture,
            $"{options.Warmup.TotalSeconds:0.##} s warm-up, then the median of {SampleWindow.TotalSeconds:0.##} s windows over {options.Measure.TotalSeconds:0.##} s; wire B = the sent message's serialized body (Akka's envelope and the return traffic not counted), MB = 10^6 B"));
    }

    private TimeSpan SampleWindow => options.Measure < TimeSpan.FromSeconds(1) ? options.Measure : TimeSpan.FromSeconds(1);

    private (double Rate, int Windows) OurPath(ActorSystem rollout, ActorSystem learnerSystem, Unroll unroll)
    {
        long received = 0;
        Action onDelivery = () => Interlocked.Increment(ref received);
        var id = Interlocked.Increment(ref actorNames);
        var redelivery = cluster.RedeliveryTimeout;
        var window = options.Window;
        var outbox = rollout.ActorOf(Props.Create(() => new UnrollQueueActor(redelivery, null)), $"outbox-{id}");
        var inbox = learnerSystem.ActorOf(Props.Create(() => new UnrollInboxActor(null)), $"inbox-{id}");
        // What a rollout node's status report tells the inbox: consume from this outbox.
        inbox.Tell(new RolloutNodeStatus("bench", 1, Resolve(learnerSystem, rollout, outbox), ActorRefs.Nobody, 0, 0, 0));
        var learner = learnerSystem.ActorOf(Props.Create(() => new InstantLearnerActor(inbox, window, onDelivery)), $"learner-{id}");
        var publisher = rollout.ActorOf(Props.Create(() => new OutboxPublisherActor(outbox, unroll, window)), $"publisher-{id}");
        var result = Measure(() => Interlocked.Read(ref received));
        Stop(publisher, outbox, inbox, learner);
        return result;
    }

    private (double Rate, int Windows) RawPath(ActorSystem rollout, ActorSystem learnerSystem, Func<long, object> message)
    {
        long received = 0;
        Action onDelivery = () => Interlocked.Increment(ref received);
        var id = Interlocked.Increment(ref actorNames);
        var window = options.Window;
        var sink = learnerSystem.ActorOf(Props.Create(() => new AckingSinkActor(onDelivery)), $"sink-{id}");
        var remoteSink = Resolve(rollout, learnerSystem, sink);
        var sender = rollout.ActorOf(Props.Create(() => new WindowedSenderActor(remoteSink, message, window)), $"sender-{id}");
        var result = Measure(() => Interlocked.Read(ref received));
        Stop(sender, sink);
        return result;
    }

    /// <summary>Publishes versions at a fixed rate to a broadcaster on the learner system; the relay on the rollout system stamps each arrival.</summary>
    private void Latency(ActorSystem rollout, ActorSystem learnerSystem, string name, long[][] shapes, Action<string> write)
    {
        var id = Interlocked.Increment(ref actorNames);
        var versions = (int)Math.Ceiling((options.Warmup + options.Measure).TotalSeconds * options.PublishesPerSecond);
        var publishedAt = new long[versions + 1];
        var arrivedAt = new long[versions + 1];
        Action<long, long> onVersion = (version, _) => Volatile.Write(ref arrivedAt[version], Stopwatch.GetTimestamp());
        IReadOnlyList<long[]> relayShapes = shapes;
        var relay = rollout.ActorOf(Props.Create(() => new ParameterRelayActor(ActorRefs.Nobody, relayShapes, onVersion)), $"relay-{id}");
        var broadcaster = learnerSystem.ActorOf(Props.Create(() => new ParameterBroadcastActor(TimeSpan.FromSeconds(2))), $"broadcast-{id}");
        broadcaster.Tell(new RolloutNodeStatus("bench", 1, ActorRefs.Nobody, Resolve(learnerSystem, rollout, relay), 0, 0, 0));
        var values = shapes.Select((s, i) => Enumerable.Range(0, (int)s.Aggregate(1L, (a, d) => a * d)).Select(j => (float)((i + j) % 97) / 97).ToArray()).ToList();
        var sample = new ParameterBroadcast(new PolicyParameters(1, values), 0);
        var wire = rollout.Serialization.FindSerializerFor(sample).ToBinary(sample).Length;
        var clock = Stopwatch.StartNew();
        for (var v = 1; v <= versions; v++)
        {
            var due = TimeSpan.FromSeconds(v / options.PublishesPerSecond);
            if (due > clock.Elapsed) Thread.Sleep(due - clock.Elapsed);
            publishedAt[v] = Stopwatch.GetTimestamp();
            broadcaster.Tell(new PublishParameters(new PolicyParameters(v, values)));
        }
        Thread.Sleep(TimeSpan.FromSeconds(1)); // the last versions' way over
        Stop(broadcaster, relay);
        var first = (int)Math.Ceiling(options.Warmup.TotalSeconds * options.PublishesPerSecond) + 1;
        var measured = Enumerable.Range(first, Math.Max(0, versions - first + 1)).ToList();
        var latencies = measured.Where(v => Volatile.Read(ref arrivedAt[v]) != 0)
            .Select(v => Stopwatch.GetElapsedTime(publishedAt[v], arrivedAt[v]).TotalMilliseconds).ToList();
        var floats = values.Sum(v => v.Length);
        write(string.Create(CultureInfo.InvariantCulture,
            $"{$"{name} ({floats:N0} floats)",-42} {$"broadcast ~> relay, {options.PublishesPerSecond:0.#} versions/s",-44} {wire,9:N0} {BenchStats.Percentile(latencies, 0.5),11:F2} {BenchStats.Percentile(latencies, 0.95),9:F2} {$"{latencies.Count}/{measured.Count}",8}"));
    }

    private (double Rate, int Windows) Measure(Func<long> count)
    {
        Thread.Sleep(options.Warmup);
        var windows = Math.Max(1, (int)Math.Round(options.Measure / SampleWindow));
        var clock = Stopwatch.StartNew();
        var seconds = new List<double> { 0 };
        var counts = new List<long> { count() };
        for (var i = 1; i <= windows; i++)
        {
            while (clock.Elapsed < SampleWindow * i) Thread.Sleep(SampleWindow * i - clock.Elapsed + TimeSpan.FromMilliseconds(1));
            seconds.Add(clock.Elapsed.TotalSeconds);
            counts.Add(count());
        }
        var rates = BenchStats.WindowRates(seconds, counts);
        return (BenchStats.Median(rates), rates.Length);
    }

    /// <summary><paramref name="local"/> (an actor of <paramref name="owner"/>) as <paramref name="from"/> reaches it: over remoting.</summary>
    private static IActorRef Resolve(ActorSystem from, ActorSystem owner, IActorRef local)
    {
        var address = ((ExtendedActorSystem)owner).Provider.DefaultAddress;
        return from.ActorSelection(local.Path.ToStringWithAddress(address)).ResolveOne(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }

    /// <summary>Stops the producer first, lets what is in flight land, then the rest.</summary>
    private static void Stop(IActorRef producer, params IActorRef[] rest)
    {
        producer.GracefulStop(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        Thread.Sleep(TimeSpan.FromMilliseconds(300));
        Task.WaitAll([.. rest.Select(r => r.GracefulStop(TimeSpan.FromSeconds(5)))]);
    }
}
