using System.Diagnostics;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Google.Protobuf;
using ImpalaAkka.Cluster.Wire;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Tests.Shared;
using Domain = ImpalaAkka.Impala.Messages;
using Nodes = ImpalaAkka.Cluster.Messages;

namespace ImpalaAkka.Cluster.Tests.Wire;

/// <summary>
/// <see cref="ImpalaSerializer"/> inside a real ActorSystem configured with <see cref="ImpalaSerialization.Hocon"/>:
/// every remote type bound and round-tripped, oversized messages refused at the sender, and
/// random or mutated bytes always rejected as a <see cref="WireException"/> (or decoded to a
/// consistent message), never another exception. Property runs replay fixed seeds.
/// </summary>
public sealed class ImpalaSerializerTests() : Akka.TestKit.Xunit2.TestKit(ImpalaSerialization.Config, "wire")
{
    private static readonly TimeSpan DecodeBound = TimeSpan.FromSeconds(1);

    public static TheoryData<string> RemoteTypeNames => [.. ImpalaSerialization.RemoteTypes.Select(t => t.Name)];

    private ImpalaSerializer Serializer => (ImpalaSerializer)Sys.Serialization.FindSerializerForType(typeof(Domain.AckUnrolls));

    private static Domain.Unroll SampleUnroll() => new(
        new Domain.ProducerId("rollout-1", 2, 3, 41), 17, 2,
        [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f], [1, 0], [1f, -1f], [false, true], [0.5f, -0.5f, 1f, 2f], [3f], [9], "catch")
    {
        InitialState = [0.25f, -0.25f],
    };

    /// <summary>One message of each remote type, every field away from its default.</summary>
    private object Sample(Type type) => type.Name switch
    {
        nameof(Domain.ConsumeUnrolls) => new Domain.ConsumeUnrolls(64),
        nameof(Domain.UnrollDelivery) => new Domain.UnrollDelivery(42, SampleUnroll(), true),
        nameof(Domain.DeliveriesUsed) => new Domain.DeliveriesUsed([1, 7, long.MaxValue]),
        nameof(Domain.AckUnrolls) => new Domain.AckUnrolls([3, 0]),
        nameof(Nodes.RolloutNodeStatus) => new Nodes.RolloutNodeStatus("rollout-1", 3, TestActor, CreateTestProbe().Ref, 1234.5, -1, 2),
        nameof(Nodes.ParameterBroadcast) => new Nodes.ParameterBroadcast(new PolicyParameters(5, [[1f, 2f, 3f], [], [-4f]]), 1_700_000_000_123),
        nameof(Nodes.ParametersReceived) => new Nodes.ParametersReceived(9),
        _ => throw new InvalidOperationException($"no sample for remote type {type.Name}: add one"),
    };

    /// <summary>Every field of a message as text, arrays element by element (records print arrays as their type name).</summary>
    private static string Describe(object message) => message switch
    {
        Domain.UnrollDelivery d => $"UnrollDelivery({d.Tag}, {d.Redelivered}, {Describe(d.Unroll)})",
        Domain.Unroll u => $"Unroll({u.Producer}, {u.ParameterVersion}, {u.Length}, [{Join(u.Observations)}], [{Join(u.Actions)}], [{Join(u.Rewards)}], "
            + $"[{Join(u.Dones)}], [{Join(u.BehaviourLogits)}], [{Join(u.EpisodeReturns)}], [{Join(u.EpisodeLengths)}], {u.Task}, [{Join(u.InitialState)}])",
        Domain.DeliveriesUsed d => $"DeliveriesUsed([{Join(d.Tags)}])",
        Domain.AckUnrolls a => $"AckUnrolls([{Join(a.Tags)}])",
        Nodes.RolloutNodeStatus s => $"RolloutNodeStatus({s.Node}, {s.Incarnation}, {s.Outbox.Path.ToSerializationFormat()}, "
            + $"{s.ParameterRelay.Path.ToSerializationFormat()}, {s.FramesPerSecond}, {s.Version}, {s.Restarts})",
        Nodes.ParameterBroadcast b => $"ParameterBroadcast({b.Parameters.Version}, [{string.Join(" | ", b.Parameters.Values.Select(Join))}], {b.PublishedUnixMs})",
        _ => message.ToString()!,
    };

    private static string Join<T>(IEnumerable<T> values) => string.Join(", ", values);

    [Theory]
    [MemberData(nameof(RemoteTypeNames))]
    public void RemoteType_SerializedByAkka_RoundTripsEveryField(string typeName)
    {
        var original = Sample(ImpalaSerialization.RemoteTypes.Single(t => t.Name == typeName));
        var serializer = Sys.Serialization.FindSerializerFor(original);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, original);

        var decoded = Sys.Serialization.Deserialize(serializer.ToBinary(original), serializer.Identifier, manifest);

        Assert.IsType(original.GetType(), decoded);
        Assert.Equal(Describe(original), Describe(decoded));
    }

    [Fact]
    public void RolloutNodeStatus_RoundTrip_ResolvesEqualRefs()
    {
        var relay = CreateTestProbe();
        var original = new Nodes.RolloutNodeStatus("rollout-0", 1, TestActor, relay.Ref, 0, 0, 0);

        var decoded = (Nodes.RolloutNodeStatus)Serializer.FromBinary(Serializer.ToBinary(original), Serializer.Manifest(original));

        Assert.Equal(TestActor, decoded.Outbox);
        Assert.Equal(relay.Ref, decoded.ParameterRelay);
        decoded.ParameterRelay.Tell("through the resolved ref");
        relay.ExpectMsg("through the resolved ref", TimeSpan.FromSeconds(3));
    }

    [Theory]
    [MemberData(nameof(RemoteTypeNames))]
    public void RemoteType_IsBoundToImpalaSerializer(string typeName)
    {
        var type = ImpalaSerialization.RemoteTypes.Single(t => t.Name == typeName);
        var serializer = Sys.Serialization.FindSerializerForType(type);
        Assert.True(serializer is ImpalaSerializer, $"{type.FullName} is serialized by {serializer.GetType().FullName}, expected {nameof(ImpalaSerializer)}");
    }

    [Fact]
    public void ClusterMessages_AreAllRemoteTypes()
    {
        var clusterMessages = typeof(Nodes.ParameterBroadcast).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(Nodes.ParameterBroadcast).Namespace)
            .Select(t => t.FullName!).Order();
        Assert.Equal(clusterMessages, ImpalaSerialization.RemoteTypes.Where(t => t.Namespace == typeof(Nodes.ParameterBroadcast).Namespace).Select(t => t.FullName!).Order());
    }

    /// <summary>The manifests are the wire contract with nodes of other builds: a change here is a protocol change.</summary>
    [Fact]
    public void Manifests_AreTheDocumentedOnes()
    {
        var manifests = ImpalaSerialization.RemoteTypes.Select(t => $"{t.Name}={Serializer.Manifest(Sample(t))}");
        Assert.Equal(["ConsumeUnrolls=CU", "UnrollDelivery=UD", "DeliveriesUsed=DU", "AckUnrolls=AU", "RolloutNodeStatus=NS", "ParameterBroadcast=PB", "ParametersReceived=PR"], manifests);
        Assert.Equal(7301, Serializer.Identifier);
    }

    [Fact]
    public void MaxMessageBytes_Absent_Is16MiB() => Assert.Equal(16 << 20, Serializer.MaxMessageBytes);

    [Fact]
    public void ToBinary_OverTheLimit_IsRefusedNamingTypeAndSizes()
    {
        using var small = ActorSystem.Create("small", Akka.Configuration.ConfigurationFactory.ParseString("impala.wire.max-message-bytes = 1KiB").WithFallback(ImpalaSerialization.Config));
        var serializer = (ImpalaSerializer)small.Serialization.FindSerializerForType(typeof(Domain.DeliveriesUsed));
        long[] tags = [.. Enumerable.Repeat(long.MaxValue, 200)];
        var size = new DeliveriesUsed { Protocol = WireCodec.ProtocolVersion, Tags = { tags } }.CalculateSize();

        var e = Assert.Throws<SerializationException>(() => serializer.ToBinary(new Domain.DeliveriesUsed(tags)));

        Assert.Equal(1024, serializer.MaxMessageBytes);
        Assert.Equal($"DeliveriesUsed: {size} bytes encoded exceeds impala.wire.max-message-bytes = 1024; refused at the sender", e.Message);
        Assert.Equal([1L], ((Domain.DeliveriesUsed)serializer.FromBinary(serializer.ToBinary(new Domain.DeliveriesUsed([1])), "DU")).Tags);
    }

    [Fact]
    public void FromBinary_OverTheLimit_IsRejectedBeforeParsing()
    {
        var bytes = new byte[(16 << 20) + 1];
        var e = Assert.Throws<WireException>(() => Serializer.FromBinary(bytes, "PB"));
        Assert.Equal($"ParameterBroadcast: {bytes.Length} bytes exceeds impala.wire.max-message-bytes = {16 << 20}", e.Message);
    }

    [Fact]
    public void ToBinary_UnroutableUnroll_IsRefusedAtTheSender()
    {
        var odd = SampleUnroll() with { Observations = [1f, 2f, 3f, 4f] };
        var e = Assert.Throws<SerializationException>(() => Serializer.ToBinary(new Domain.UnrollDelivery(1, odd, false)));
        Assert.Equal("UnrollDelivery: an unroll of length 2 with 4 observation values and 4 logits has no [T+1, O] and [T, A] shapes", e.Message);
    }

    /// <summary>A valid encoding, edited by <paramref name="edit"/>, its expected rejection.</summary>
    public static TheoryData<string, string> Rejections => new()
    {
        { "prefetch-zero", "ConsumeUnrolls: prefetch 0 must be in 1..1048576" },
        { "prefetch-absurd", "ConsumeUnrolls: prefetch 2147483647 must be in 1..1048576" },
        { "other-protocol", "ParametersReceived: protocol version 2, this build speaks 1" },
        { "no-protocol", "AckUnrolls: protocol version 0, this build speaks 1" },
        { "negative-tag", "DeliveriesUsed: tags[1] = -5 is negative" },
        { "negative-delivery-tag", "UnrollDelivery: tag -1 is negative" },
        { "no-unroll", "UnrollDelivery: unroll: missing" },
        { "nested-protocol", "UnrollDelivery: unroll: protocol version 3, this build speaks 1" },
        { "observations-bytes", "UnrollDelivery: observations: 20 bytes for shape [3, 2], expected 24" },
        { "observations-steps", "UnrollDelivery: observations: shape [2, 3], expected [3, ...]" },
        { "logits-shape", "UnrollDelivery: behaviour_logits: shape [4], expected [2, A >= 1]" },
        { "episodes-disagree", "UnrollDelivery: episode_lengths: shape [0], expected [1] like episode_returns" },
        { "shape-overflow", "UnrollDelivery: initial_state: 8 bytes for shape [2147483647, 2147483647, 2147483647], expected more than any message holds" },
        { "negative-dimension", "UnrollDelivery: actions: invalid dimension -2" },
        { "dones-not-bool", "UnrollDelivery: unroll: dones holds 7, expected 0 or 1" },
        { "parameters-dtype", "ParameterBroadcast: tensors[0]: dtype Int32, expected Float32" },
        { "parameters-negative-version", "ParameterBroadcast: version -1 is negative" },
        { "status-no-outbox", "RolloutNodeStatus: outbox: missing" },
        { "status-bad-path", "RolloutNodeStatus: parameter_relay: not a full actor path" },
        { "status-nan-fps", "RolloutNodeStatus: frames_per_second NaN must be finite and >= 0" },
        { "status-no-node", "RolloutNodeStatus: node: missing" },
        { "status-negative-incarnation", "RolloutNodeStatus: incarnation -1 is negative" },
        { "status-version-below-none", "RolloutNodeStatus: version -2 must be >= -1 (-1: no parameters yet)" },
        { "garbage", "ParametersReceived: not a valid message (" },
        { "unknown-manifest", "manifest 'ZZ': unknown manifest" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void FromBinary_InvalidMessage_IsRejectedNamingMessageAndField_AndCounted(string edit, string expected)
    {
        var (manifest, bytes) = Edited(edit);
        var before = ImpalaSerializer.Rejected;

        var e = Assert.Throws<WireException>(() => Serializer.FromBinary(bytes, manifest));

        Assert.StartsWith(expected, e.Message);
        if (!expected.EndsWith('(')) Assert.Equal(expected, e.Message);
        Assert.True(ImpalaSerializer.Rejected > before, $"Rejected stayed at {before}");
    }

    [Fact]
    public void FromBinary_Rejection_IsRememberedAsTheLastReason()
    {
        Assert.Throws<WireException>(() => Serializer.FromBinary(new ParametersReceived { Protocol = 1, Version = -7 }.ToByteArray(), "PR"));
        // Other test classes reject in parallel: the reason is this one or a later one, never older.
        Assert.NotNull(ImpalaSerializer.LastRejection);
    }

    private (string Manifest, byte[] Bytes) Edited(string edit)
    {
        var status = (RolloutNodeStatus)Parsed(Sample(typeof(Nodes.RolloutNodeStatus)));
        var delivery = (UnrollDelivery)Parsed(new Domain.UnrollDelivery(1, SampleUnroll(), false));
        var u = delivery.Unroll;
        switch (edit)
        {
            case "prefetch-zero": return ("CU", new ConsumeUnrolls { Protocol = 1, Prefetch = 0 }.ToByteArray());
            case "prefetch-absurd": return ("CU", new ConsumeUnrolls { Protocol = 1, Prefetch = int.MaxValue }.ToByteArray());
            case "other-protocol": return ("PR", new ParametersReceived { Protocol = 2, Version = 1 }.ToByteArray());
            case "no-protocol": return ("AU", new AckUnrolls { Tags = { 1 } }.ToByteArray());
            case "negative-tag": return ("DU", new DeliveriesUsed { Protocol = 1, Tags = { 4, -5 } }.ToByteArray());
            case "negative-delivery-tag": delivery.Tag = -1; break;
            case "no-unroll": delivery.Unroll = null; break;
            case "nested-protocol": u.Protocol = 3; break;
            case "observations-bytes": u.Observations.Data = ByteString.CopyFrom(new byte[20]); break;
            case "observations-steps": u.Observations.Shape[0] = 2; u.Observations.Shape[1] = 3; break;
            case "logits-shape": u.BehaviourLogits.Shape.Clear(); u.BehaviourLogits.Shape.Add(4); break;
            case "episodes-disagree": u.EpisodeLengths = new Tensor { Dtype = DType.Int32, Shape = { 0 } }; break;
            case "shape-overflow": u.InitialState.Shape.Clear(); u.InitialState.Shape.Add([int.MaxValue, int.MaxValue, int.MaxValue]); break;
            case "negative-dimension": u.Actions.Shape[0] = -2; break;
            case "dones-not-bool": u.Dones.Data = ByteString.CopyFrom([1, 7]); break;
            case "parameters-dtype":
                return ("PB", new Parameters { Protocol = 1, Tensors = { new Tensor { Dtype = DType.Int32, Shape = { 1 }, Data = ByteString.CopyFrom(new byte[4]) } } }.ToByteArray());
            case "parameters-negative-version": return ("PB", new Parameters { Protocol = 1, Version = -1 }.ToByteArray());
            case "status-no-outbox": status.Outbox = ""; return ("NS", status.ToByteArray());
            case "status-bad-path": status.ParameterRelay = "user/relay"; return ("NS", status.ToByteArray());
            case "status-nan-fps": status.FramesPerSecond = double.NaN; return ("NS", status.ToByteArray());
            case "status-no-node": status.Node = ""; return ("NS", status.ToByteArray());
            case "status-negative-incarnation": status.Incarnation = -1; return ("NS", status.ToByteArray());
            case "status-version-below-none": status.Version = -2; return ("NS", status.ToByteArray());
            case "garbage": return ("PR", [0xff, 0xff, 0xff, 0xff, 0x0f]);
            case "unknown-manifest": return ("ZZ", new ParametersReceived { Protocol = 1 }.ToByteArray());
            default: throw new ArgumentOutOfRangeException(nameof(edit), edit, "no such edit");
        }
        return ("UD", delivery.ToByteArray());
    }

    /// <summary>The proto form of a domain message, for editing.</summary>
    private IMessage Parsed(object message) => message switch
    {
        Domain.UnrollDelivery => UnrollDelivery.Parser.ParseFrom(Serializer.ToBinary(message)),
        Nodes.RolloutNodeStatus => RolloutNodeStatus.Parser.ParseFrom(Serializer.ToBinary(message)),
        _ => throw new ArgumentOutOfRangeException(nameof(message)),
    };

    [Property(Replay = "(8675309,1000003)", MaxTest = 700, QuietOnSuccess = true)]
    public void FromBinary_RandomBytes_RejectsOrDecodes(byte[] bytes, NonNegativeInt manifest) =>
        RejectsOrDecodes(ImpalaSerialization.RemoteTypes[manifest.Get % ImpalaSerialization.RemoteTypes.Count], bytes);

    [Property(Replay = "(1299709,7919)", MaxTest = 2000, QuietOnSuccess = true)]
    public void FromBinary_MutatedValidEncoding_RejectsOrDecodes(NonNegativeInt manifest, NonNegativeInt kind, NonNegativeInt position, byte mask, byte[] tail)
    {
        var type = ImpalaSerialization.RemoteTypes[manifest.Get % ImpalaSerialization.RemoteTypes.Count];
        var valid = Serializer.ToBinary(Sample(type));
        var at = position.Get % valid.Length;
        byte[] mutated = (kind.Get % 4) switch
        {
            0 => Flipped(valid, at, (byte)(1 << (mask % 8))),  // one bit
            1 => valid[..at],                                    // truncated
            2 => [.. valid, .. tail],                            // bytes appended
            _ => Flipped(valid, at, mask == 0 ? (byte)0xff : mask), // one byte garbled
        };
        RejectsOrDecodes(type, mutated);
    }

    /// <summary>Protobuf's field tags, varint continuation bytes and lengths, and bytes of paths and names.</summary>
    private static readonly byte[] WireAlphabet = [0, 1, 2, 0x08, 0x0a, 0x10, 0x12, 0x1a, 0x22, 0x7f, 0x80, 0xff, (byte)'#', (byte)'/', (byte)'a', (byte)'9'];

    /// <summary>
    /// The suite's share of the documented long fuzz run (IMPALA_FUZZ_CASES=100000): 1 to 8 random edits of a
    /// valid encoding of every remote type, each rejected with a WireException or decoded to a message
    /// that round-trips, within the shared time and allocation bounds.
    /// </summary>
    [Fact]
    public void FromBinary_MutatedEncodingsOfEveryRemoteType_RejectOrDecode_WithinBounds() =>
        Fuzz.Check("wire", cases: 1500, random =>
        {
            var type = ImpalaSerialization.RemoteTypes[random.Next(ImpalaSerialization.RemoteTypes.Count)];
            return (Type: type, Bytes: Fuzz.Mutate(random, Serializer.ToBinary(Sample(type)), WireAlphabet).ToArray());
        }, input => RejectsOrDecodes(input.Type, input.Bytes), typeof(WireException), maxAllocatedBytes: 64L << 20);

    [Fact]
    public void FromBinary_AnActorPathWhoseUidIsNoNumber_IsRejected()
    {
        var valid = new Nodes.RolloutNodeStatus("rollout-1", 3, TestActor, TestActor, 0, 0, 0);
        var path = System.Text.Encoding.UTF8.GetBytes(Akka.Serialization.Serialization.SerializedActorPath(TestActor));
        var bytes = Serializer.ToBinary(valid);
        var at = bytes.AsSpan().IndexOf(path);
        Assert.True(at >= 0, "the encoding holds the outbox's path");
        // One character of the "#uid" suffix becomes '!': ActorPath.TryParse accepts it, resolving it throws.
        var mutated = bytes.ToArray();
        mutated[at + Array.LastIndexOf(path, (byte)'#') + 2] = (byte)'!';
        var e = Assert.Throws<WireException>(() => Serializer.FromBinary(mutated, Serializer.Manifest(valid)));
        Assert.True(e.Message.Contains("not a full actor path", StringComparison.Ordinal), e.Message + "\n" + e.InnerException);
    }

    [Fact]
    public void FromBinary_AnActorPathGoingOnAfterItsUid_IsRejected()
    {
        // Found by the wire fuzz: Akka resolves "...#uid/1" to the actor of uid, which then serializes as "...#uid1".
        var valid = new Nodes.RolloutNodeStatus("rollout-1", 3, TestActor, TestActor, 0, 0, 0);
        var path = Akka.Serialization.Serialization.SerializedActorPath(TestActor);
        var edited = new RolloutNodeStatus(RolloutNodeStatus.Parser.ParseFrom(Serializer.ToBinary(valid))) { Outbox = path + "/1" };
        var e = Assert.Throws<WireException>(() => Serializer.FromBinary(edited.ToByteArray(), Serializer.Manifest(valid)));
        Assert.Equal("RolloutNodeStatus: outbox: not a full actor path (a #uid of digits must end it)", e.Message);
    }

    [Property(Replay = "(104729,15485863)", MaxTest = 200, QuietOnSuccess = true)]
    public void FromBinary_UnknownManifest_IsRejected(string manifest, byte[] bytes)
    {
        var known = ImpalaSerialization.RemoteTypes.Select(t => Serializer.Manifest(Sample(t)));
        if (manifest is null || known.Contains(manifest)) return;
        var e = Assert.Throws<WireException>(() => Serializer.FromBinary(bytes, manifest));
        Assert.EndsWith(bytes.Length > Serializer.MaxMessageBytes ? "exceeds" : ": unknown manifest", e.Message);
    }

    private static byte[] Flipped(byte[] bytes, int at, byte mask)
    {
        var copy = bytes.ToArray();
        copy[at] ^= mask;
        return copy;
    }

    /// <summary>
    /// Either a <see cref="WireException"/> from the serializer's own checks, counted, or a message
    /// of the manifest's type whose re-encoding decodes to the same bytes; any other exception fails
    /// the property by escaping, and so does a decode slower than <see cref="DecodeBound"/>.
    /// </summary>
    private void RejectsOrDecodes(Type type, byte[] bytes)
    {
        var manifest = Serializer.Manifest(Sample(type));
        var before = ImpalaSerializer.Rejected;
        var clock = Stopwatch.StartNew();
        object decoded;
        try
        {
            decoded = Serializer.FromBinary(bytes, manifest);
        }
        catch (WireException e)
        {
            Assert.True(clock.Elapsed < DecodeBound, $"rejecting {bytes.Length} bytes took {clock.Elapsed}");
            Assert.StartsWith($"{type.Name}: ", e.Message);
            Assert.DoesNotContain(ImpalaSerializer.DecoderFault, e.Message);
            Assert.True(ImpalaSerializer.Rejected > before, $"Rejected stayed at {before} after '{e.Message}'");
            return;
        }
        Assert.True(clock.Elapsed < DecodeBound, $"decoding {bytes.Length} bytes took {clock.Elapsed}");
        Assert.IsType(type, decoded);
        var again = Serializer.ToBinary(decoded);
        Assert.Equal(again, Serializer.ToBinary(Serializer.FromBinary(again, manifest)));
    }
}
