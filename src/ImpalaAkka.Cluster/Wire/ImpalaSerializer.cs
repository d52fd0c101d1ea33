using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Google.Protobuf;
using ImpalaAkka.Impala.Model;
using Domain = ImpalaAkka.Impala.Messages;
using Nodes = ImpalaAkka.Cluster.Messages;

namespace ImpalaAkka.Cluster.Wire;

/// <summary>
/// The Akka serializer of every message that crosses processes (<see cref="ImpalaSerialization.RemoteTypes"/>),
/// in the protobuf forms of impala.proto. Without it Akka 1.5.74 falls back to Newtonsoft JSON.
/// <para>
/// <see cref="ToBinary"/> refuses a message over <c>impala.wire.max-message-bytes</c> with a
/// <see cref="SerializationException"/>, the type Akka.Remote's endpoint writer has always logged
/// as a transient error (the message is dropped, the association kept); older writers turned
/// other types into an endpoint failure. <see cref="FromBinary"/> trusts nothing: every failure,
/// whatever its cause, is a <see cref="WireException"/> naming the message and field, counted in
/// <see cref="Rejected"/>; the endpoint reader logs it as a warning and drops the message.
/// </para>
/// </summary>
public sealed class ImpalaSerializer : SerializerWithStringManifest
{
    /// <summary>Akka serializer id; fixed because both ends of an association must agree. 0-40 are Akka's own.</summary>
    public const int SerializerId = 7301;

    public const string MaxMessageBytesKey = "impala.wire.max-message-bytes";

    public const int DefaultMaxMessageBytes = 16 << 20;

    /// <summary>The ceiling for a prefetch window; larger is a corrupt or hostile message, not a configuration.</summary>
    public const int MaxPrefetch = 1 << 20;

    internal const string ConsumeUnrollsManifest = "CU";
    internal const string UnrollDeliveryManifest = "UD";
    internal const string DeliveriesUsedManifest = "DU";
    internal const string AckUnrollsManifest = "AU";
    internal const string RolloutNodeStatusManifest = "NS";
    internal const string ParameterBroadcastManifest = "PB";
    internal const string ParametersReceivedManifest = "PR";

    /// <summary>Marks a rejection caused by an exception the decoder did not raise itself.</summary>
    internal const string DecoderFault = "decoder fault:";

    private static long rejected;
    private static string? lastRejection;

    private readonly int maxMessageBytes;

    public ImpalaSerializer(ExtendedActorSystem system) : base(system)
    {
        var max = system.Settings.Config.GetByteSize(MaxMessageBytesKey, DefaultMaxMessageBytes) ?? DefaultMaxMessageBytes;
        maxMessageBytes = max is >= 1 and <= int.MaxValue
            ? (int)max
            : throw new Akka.Configuration.ConfigurationException($"{MaxMessageBytesKey} must be in 1..{int.MaxValue} bytes, got {max}");
    }

    /// <summary>Messages rejected by <see cref="FromBinary"/> in this process, by every instance.</summary>
    public static long Rejected => Interlocked.Read(ref rejected);

    /// <summary>The reason of the latest rejection in this process; null before the first.</summary>
    public static string? LastRejection => Volatile.Read(ref lastRejection);

    public override int Identifier => SerializerId;

    public int MaxMessageBytes => maxMessageBytes;

    public override string Manifest(object o) => o switch
    {
        Domain.ConsumeUnrolls => ConsumeUnrollsManifest,
        Domain.UnrollDelivery => UnrollDeliveryManifest,
        Domain.DeliveriesUsed => DeliveriesUsedManifest,
        Domain.AckUnrolls => AckUnrollsManifest,
        Nodes.RolloutNodeStatus => RolloutNodeStatusManifest,
        Nodes.ParameterBroadcast => ParameterBroadcastManifest,
        Nodes.ParametersReceived => ParametersReceivedManifest,
        _ => throw Unsupported(o),
    };

    /// <exception cref="SerializationException">Not a remote message type, not encodable, or over the size limit.</exception>
    public override byte[] ToBinary(object obj)
    {
        IMessage message = obj switch
        {
            Domain.ConsumeUnrolls m => new ConsumeUnrolls { Protocol = WireCodec.ProtocolVersion, Prefetch = m.Prefetch },
            Domain.UnrollDelivery m => new UnrollDelivery { Protocol = WireCodec.ProtocolVersion, Tag = m.Tag, Unroll = ToProto(m.Unroll), Redelivered = m.Redelivered },
            Domain.DeliveriesUsed m => new DeliveriesUsed { Protocol = WireCodec.ProtocolVersion, Tags = { m.Tags } },
            Domain.AckUnrolls m => new AckUnrolls { Protocol = WireCodec.ProtocolVersion, Tags = { m.Tags } },
            Nodes.RolloutNodeStatus m => new RolloutNodeStatus
            {
                Protocol = WireCodec.ProtocolVersion,
                Node = m.Node,
                Incarnation = m.Incarnation,
                Outbox = PathOf(m.Outbox, "Outbox"),
                ParameterRelay = PathOf(m.ParameterRelay, "ParameterRelay"),
                FramesPerSecond = m.FramesPerSecond,
                Version = m.Version,
                Restarts = m.Restarts,
            },
            Nodes.ParameterBroadcast m => ToProto(m),
            Nodes.ParametersReceived m => new ParametersReceived { Protocol = WireCodec.ProtocolVersion, Version = m.Version },
            _ => throw Unsupported(obj),
        };
        var size = message.CalculateSize();
        if (size > maxMessageBytes)
        {
            throw new SerializationException($"{obj.GetType().Name}: {size} bytes encoded exceeds {MaxMessageBytesKey} = {maxMessageBytes}; refused at the sender");
        }
        return message.ToByteArray();
    }

    /// <exception cref="WireException">The bytes are not a valid message of <paramref name="manifest"/>; counted in <see cref="Rejected"/>.</exception>
    public override object FromBinary(byte[] bytes, string manifest)
    {
        try
        {
            if (bytes.Length > maxMessageBytes) throw new WireException($"{bytes.Length} bytes exceeds {MaxMessageBytesKey} = {maxMessageBytes}");
            return Decode(bytes, manifest);
        }
        catch (Exception e)
        {
            // A decoder bug must not pass for a valid message nor escape as some other type; its
            // own prefix keeps it apart from an ordinary rejection (the property tests look for it).
            var reason = e switch
            {
                WireException => $"{Name(manifest)}: {e.Message}",
                InvalidProtocolBufferException => $"{Name(manifest)}: not a valid message ({e.Message})",
                _ => $"{Name(manifest)}: {DecoderFault} {e.GetType().Name}: {e.Message}",
            };
            Interlocked.Increment(ref rejected);
            Volatile.Write(ref lastRejection, reason);
            throw new WireException(reason, e);
        }
    }

    private object Decode(byte[] bytes, string manifest)
    {
        switch (manifest)
        {
            case ConsumeUnrollsManifest:
            {
                var m = Parse(ConsumeUnrolls.Parser, bytes, m => m.Protocol);
                if (m.Prefetch is < 1 or > MaxPrefetch) throw new WireException($"prefetch {m.Prefetch} must be in 1..{MaxPrefetch}");
                return new Domain.ConsumeUnrolls(m.Prefetch);
            }
            case UnrollDeliveryManifest:
            {
                var m = Parse(UnrollDelivery.Parser, bytes, m => m.Protocol);
                if (m.Tag < 0) throw new WireException($"tag {m.Tag} is negative");
                if (m.Unroll is null) throw new WireException("unroll: missing");
                return new Domain.UnrollDelivery(m.Tag, WireCodec.FromProto(m.Unroll), m.Redelivered);
            }
            case DeliveriesUsedManifest:
                return new Domain.DeliveriesUsed(Tags(Parse(DeliveriesUsed.Parser, bytes, m => m.Protocol).Tags));
            case AckUnrollsManifest:
                return new Domain.AckUnrolls(Tags(Parse(AckUnrolls.Parser, bytes, m => m.Protocol).Tags));
            case RolloutNodeStatusManifest:
            {
                var m = Parse(RolloutNodeStatus.Parser, bytes, m => m.Protocol);
                if (m.Node.Length == 0) throw new WireException("node: missing");
                NonNegative(m.Incarnation, "incarnation");
                if (m.Version < -1) throw new WireException($"version {m.Version} must be >= -1 (-1: no parameters yet)");
                NonNegative(m.Restarts, "restarts");
                if (!double.IsFinite(m.FramesPerSecond) || m.FramesPerSecond < 0) throw new WireException($"frames_per_second {m.FramesPerSecond} must be finite and >= 0");
                return new Nodes.RolloutNodeStatus(m.Node, m.Incarnation, Resolve(m.Outbox, "outbox"), Resolve(m.ParameterRelay, "parameter_relay"),
                    m.FramesPerSecond, m.Version, m.Restarts);
            }
            case ParameterBroadcastManifest:
            {
                var m = Parse(Parameters.Parser, bytes, m => m.Protocol);
                NonNegative(m.Version, "version");
                NonNegative(m.PublishedUnixMs, "published_unix_ms");
                var values = new List<float[]>(m.Tensors.Count);
                for (var i = 0; i < m.Tensors.Count; i++) values.Add(WireCodec.ReadFloats(m.Tensors[i], $"tensors[{i}]"));
                return new Nodes.ParameterBroadcast(new PolicyParameters(m.Version, values), m.PublishedUnixMs);
            }
            case ParametersReceivedManifest:
            {
                var m = Parse(ParametersReceived.Parser, bytes, m => m.Protocol);
                NonNegative(m.Version, "version");
                return new Nodes.ParametersReceived(m.Version);
            }
            default:
                throw new WireException("unknown manifest");
        }
    }

    private static T Parse<T>(MessageParser<T> parser, byte[] bytes, Func<T, uint> protocol) where T : IMessage<T>
    {
        var m = parser.ParseFrom(bytes);
        if (protocol(m) != WireCodec.ProtocolVersion) throw new WireException($"protocol version {protocol(m)}, this build speaks {WireCodec.ProtocolVersion}");
        return m;
    }

    private static long[] Tags(IReadOnlyList<long> tags)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i] < 0) throw new WireException($"tags[{i}] = {tags[i]} is negative");
        }
        return [.. tags];
    }

    private static void NonNegative(long value, string field)
    {
        if (value < 0) throw new WireException($"{field} {value} is negative");
    }

    /// <summary>The full path (address and uid) of a ref; a missing ref is refused here rather than at the receiver.</summary>
    private static string PathOf(IActorRef? actor, string field) =>
        Akka.Serialization.Serialization.SerializedActorPath(actor) is { Length: > 0 } path
            ? path
            : throw new SerializationException($"RolloutNodeStatus: {field} is no actor");

    /// <summary>The ref at a full actor path; a path Akka cannot parse is rejected, not turned into dead letters.</summary>
    private static bool IsUid(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("-")) text = text[1..];
        return text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');
    }

    private IActorRef Resolve(string path, string field)
    {
        if (path.Length == 0) throw new WireException($"{field}: missing");
        try
        {
            if (!ActorPath.TryParse(path, out var parsed) || parsed.Address.HasLocalScope && system.Provider.DefaultAddress.HasGlobalScope)
            {
                throw new WireException($"{field}: not a full actor path");
            }
            // Akka reads "a#1/b" as the actor "a" with uid 1 and serializes it back as "a#1b": a "#uid" must end the path.
            var hash = path.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0 && !IsUid(path.AsSpan(hash + 1))) throw new WireException($"{field}: not a full actor path (a #uid of digits must end it)");
            return system.Provider.ResolveActorRef(path);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // Akka's TryParse throws, rather than failing, on a "#uid" suffix that is no number.
            throw new WireException($"{field}: not a full actor path ({e.Message})");
        }
    }

    /// <summary>An unroll in its Akka form: observations [T+1, O] and logits [T, A], O and A derived from the flat arrays.</summary>
    private static Unroll ToProto(Domain.Unroll u)
    {
        if (u.Length < 1 || u.Observations.Length % (u.Length + 1) != 0 || u.BehaviourLogits.Length % u.Length != 0)
        {
            throw new SerializationException(
                $"UnrollDelivery: an unroll of length {u.Length} with {u.Observations.Length} observation values and {u.BehaviourLogits.Length} logits has no [T+1, O] and [T, A] shapes");
        }
        return WireCodec.ToProto(u, [u.Length + 1, u.Observations.Length / (u.Length + 1)], [u.Length, u.BehaviourLogits.Length / u.Length]);
    }

    private static Parameters ToProto(Nodes.ParameterBroadcast b)
    {
        var m = new Parameters { Protocol = WireCodec.ProtocolVersion, Version = b.Parameters.Version, PublishedUnixMs = b.PublishedUnixMs };
        foreach (var values in b.Parameters.Values) m.Tensors.Add(WireCodec.Floats(values, [values.Length]));
        return m;
    }

    /// <summary>The message type a manifest stands for, for error messages; an unknown one is quoted (and cut: it came off the wire).</summary>
    private static string Name(string manifest) => manifest switch
    {
        ConsumeUnrollsManifest => nameof(Domain.ConsumeUnrolls),
        UnrollDeliveryManifest => nameof(Domain.UnrollDelivery),
        DeliveriesUsedManifest => nameof(Domain.DeliveriesUsed),
        AckUnrollsManifest => nameof(Domain.AckUnrolls),
        RolloutNodeStatusManifest => nameof(Nodes.RolloutNodeStatus),
        ParameterBroadcastManifest => nameof(Nodes.ParameterBroadcast),
        ParametersReceivedManifest => nameof(Nodes.ParametersReceived),
        _ => $"manifest '{(manifest.Length <= 32 ? manifest : manifest[..32] + "...")}'",
    };

    private static SerializationException Unsupported(object o) =>
        new($"{nameof(ImpalaSerializer)} cannot serialize {o.GetType().FullName}: not one of {nameof(ImpalaSerialization)}.{nameof(ImpalaSerialization.RemoteTypes)}");
}
