using System.Runtime.InteropServices;
using Google.Protobuf;
using ImpalaAkka.Impala.Model;
using Domain = ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster.Wire;

/// <summary>
/// Converts the roles' messages to and from the wire format (impala.proto). Decoding checks the
/// protocol version, the size limit, and that every tensor's bytes match its dtype and shape,
/// and throws <see cref="WireException"/> naming the field otherwise. Semantic checks of an unroll
/// (lengths against the environment) stay with the learner's validator.
/// </summary>
public static class WireCodec
{
    public const uint ProtocolVersion = 1;

    public static byte[] Encode(Domain.Unroll u, IReadOnlyList<int> observationShape, int actionCount) =>
        ToProto(u, [u.Length + 1, .. observationShape.Select(d => (long)d)], [u.Length, actionCount]).ToByteArray();

    /// <summary>The unroll as its proto message; the shapes are those of observations [T+1, obs...] and behaviour logits [T, A].</summary>
    internal static Unroll ToProto(Domain.Unroll u, long[] observationsShape, long[] logitsShape) => new()
    {
        Protocol = ProtocolVersion,
        Producer = new ProducerId { Node = u.Producer.Node, Actor = u.Producer.Actor, Incarnation = u.Producer.Incarnation, Sequence = u.Producer.Sequence },
        ParameterVersion = u.ParameterVersion,
        Length = u.Length,
        Observations = Floats(u.Observations, observationsShape),
        Actions = Ints(u.Actions, [u.Actions.Length]),
        Rewards = Floats(u.Rewards, [u.Rewards.Length]),
        Dones = new Tensor { Dtype = DType.Uint8, Shape = { u.Dones.Length }, Data = ByteString.CopyFrom(u.Dones.Select(d => d ? (byte)1 : (byte)0).ToArray()) },
        BehaviourLogits = Floats(u.BehaviourLogits, logitsShape),
        EpisodeReturns = Floats(u.EpisodeReturns, [u.EpisodeReturns.Length]),
        EpisodeLengths = Ints(u.EpisodeLengths, [u.EpisodeLengths.Length]),
        InitialState = Floats(u.InitialState, [u.InitialState.Length]),
        Task = u.Task,
    };

    /// <exception cref="WireException">Not a valid unroll message.</exception>
    public static Domain.Unroll DecodeUnroll(ReadOnlyMemory<byte> body, int maxBytes) => FromProto(Parse(Unroll.Parser, body, maxBytes, "unroll"));

    /// <summary>
    /// The unroll in <paramref name="m"/> after its structural checks: protocol, producer, T >= 1,
    /// observations [T+1, ...], actions, rewards and dones [T], behaviour logits [T, A], episode
    /// returns and lengths [E] alike, initial state 1-D.
    /// </summary>
    /// <exception cref="WireException">Not a valid unroll.</exception>
    internal static Domain.Unroll FromProto(Unroll m)
    {
        if (m.Protocol != ProtocolVersion) throw new WireException($"unroll: protocol version {m.Protocol}, this build speaks {ProtocolVersion}");
        if (m.Producer is null || m.Producer.Node.Length == 0) throw new WireException("unroll: producer is missing");
        if (m.Length < 1) throw new WireException($"unroll: length {m.Length} must be >= 1");
        long t = m.Length;
        var id = new Domain.ProducerId(m.Producer.Node, m.Producer.Actor, m.Producer.Incarnation, m.Producer.Sequence);
        var observations = ReadFloats(m.Observations, "observations");
        RequireShape(m.Observations, "observations", m.Observations.Shape.Count >= 1 && m.Observations.Shape[0] == t + 1, $"[{t + 1}, ...]");
        var actions = ReadInts(m.Actions, "actions");
        RequireShape(m.Actions, "actions", m.Actions.Shape is [var a] && a == t, $"[{t}]");
        var rewards = ReadFloats(m.Rewards, "rewards");
        RequireShape(m.Rewards, "rewards", m.Rewards.Shape is [var r] && r == t, $"[{t}]");
        var dones = Read(m.Dones, DType.Uint8, "dones").ToArray();
        RequireShape(m.Dones, "dones", m.Dones.Shape is [var d] && d == t, $"[{t}]");
        var logits = ReadFloats(m.BehaviourLogits, "behaviour_logits");
        RequireShape(m.BehaviourLogits, "behaviour_logits", m.BehaviourLogits.Shape is [var lt, >= 1] && lt == t, $"[{t}, A >= 1]");
        var returns = ReadFloats(m.EpisodeReturns, "episode_returns");
        RequireShape(m.EpisodeReturns, "episode_returns", m.EpisodeReturns.Shape.Count == 1, "[E]");
        var lengths = ReadInts(m.EpisodeLengths, "episode_lengths");
        RequireShape(m.EpisodeLengths, "episode_lengths", m.EpisodeLengths.Shape is [var e] && e == returns.Length, $"[{returns.Length}] like episode_returns");
        float[] initialState = [];
        if (m.InitialState is not null)
        {
            initialState = ReadFloats(m.InitialState, "initial_state");
            RequireShape(m.InitialState, "initial_state", m.InitialState.Shape.Count == 1, "[S]");
        }
        return new Domain.Unroll(id, m.ParameterVersion, m.Length, observations, actions, rewards,
            [.. dones.Select(b => b switch { 1 => true, 0 => false, _ => throw new WireException($"unroll: dones holds {b}, expected 0 or 1") })],
            logits, returns, lengths, m.Task)
        {
            InitialState = initialState,
        };
    }

    public static byte[] Encode(PolicyParameters p, IReadOnlyList<long[]> shapes, long publishedUnixMs)
    {
        var message = new Parameters { Protocol = ProtocolVersion, Version = p.Version, PublishedUnixMs = publishedUnixMs };
        for (var i = 0; i < p.Values.Count; i++) message.Tensors.Add(Floats(p.Values[i], shapes[i]));
        return message.ToByteArray();
    }

    /// <summary>A parameter version; <paramref name="expectedShapes"/> must match (the model's parameters).</summary>
    public static (PolicyParameters Parameters, long PublishedUnixMs) DecodeParameters(ReadOnlyMemory<byte> body, int maxBytes, IReadOnlyList<long[]> expectedShapes)
    {
        var m = Parse(Parameters.Parser, body, maxBytes, "parameters");
        if (m.Version < 0) throw new WireException($"parameters: version {m.Version} is negative");
        if (m.Tensors.Count != expectedShapes.Count) throw new WireException($"parameters: {m.Tensors.Count} tensors, the model has {expectedShapes.Count}");
        var values = new List<float[]>(m.Tensors.Count);
        for (var i = 0; i < m.Tensors.Count; i++)
        {
            if (!m.Tensors[i].Shape.SequenceEqual(expectedShapes[i]))
            {
                throw new WireException($"parameters: tensor {i} is {ShapeText(m.Tensors[i].Shape)}, the model's is {ShapeText(expectedShapes[i])}");
            }
            values.Add(ReadFloats(m.Tensors[i], $"tensors[{i}]"));
        }
        return (new PolicyParameters(m.Version, values), m.PublishedUnixMs);
    }

    private static T Parse<T>(MessageParser<T> parser, ReadOnlyMemory<byte> body, int maxBytes, string what) where T : IMessage<T>
    {
        if (body.Length > maxBytes) throw new WireException($"{what}: {body.Length} bytes exceeds the limit of {maxBytes}");
        T message;
        try
        {
            message = parser.ParseFrom(body.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new WireException($"{what}: not a valid message ({e.Message})");
        }
        var protocol = (uint)(message.Descriptor.FindFieldByName("protocol").Accessor.GetValue(message) ?? 0u);
        if (protocol != ProtocolVersion) throw new WireException($"{what}: protocol version {protocol}, this build speaks {ProtocolVersion}");
        return message;
    }

    internal static Tensor Floats(float[] values, long[] shape) =>
        new() { Dtype = DType.Float32, Shape = { shape }, Data = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };

    private static Tensor Ints(int[] values, long[] shape) =>
        new() { Dtype = DType.Int32, Shape = { shape }, Data = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };

    internal static float[] ReadFloats(Tensor? t, string field) => MemoryMarshal.Cast<byte, float>(Read(t, DType.Float32, field)).ToArray();

    private static int[] ReadInts(Tensor? t, string field) => MemoryMarshal.Cast<byte, int>(Read(t, DType.Int32, field)).ToArray();

    /// <summary>
    /// The tensor's bytes after checking dtype, shape and length against each other. The element
    /// count is checked before it could overflow, so no shape throws or allocates.
    /// </summary>
    private static ReadOnlySpan<byte> Read(Tensor? t, DType dtype, string field)
    {
        if (t is null) throw new WireException($"{field}: missing");
        if (t.Dtype != dtype) throw new WireException($"{field}: dtype {t.Dtype}, expected {dtype}");
        foreach (var d in t.Shape)
        {
            if (d < 0 || d > int.MaxValue) throw new WireException($"{field}: invalid dimension {d}");
        }
        var size = dtype == DType.Uint8 ? 1 : 4;
        long elements = t.Shape.Contains(0) ? 0 : 1;
        for (var i = 0; i < t.Shape.Count && elements > 0; i++)
        {
            if (elements > long.MaxValue / size / t.Shape[i]) throw new WireException($"{field}: {t.Data.Length} bytes for shape {ShapeText(t.Shape)}, expected more than any message holds");
            elements *= t.Shape[i];
        }
        if (t.Data.Length != elements * size) throw new WireException($"{field}: {t.Data.Length} bytes for shape {ShapeText(t.Shape)}, expected {elements * size}");
        return t.Data.Span;
    }

    private static void RequireShape(Tensor t, string field, bool ok, string expected)
    {
        if (!ok) throw new WireException($"{field}: shape {ShapeText(t.Shape)}, expected {expected}");
    }

    /// <summary>A shape for an error message, cut after a few dimensions (a hostile one may have millions).</summary>
    internal static string ShapeText(IReadOnlyList<long> shape) =>
        shape.Count <= 8 ? $"[{string.Join(", ", shape)}]" : $"[{string.Join(", ", shape.Take(8))}, ... {shape.Count} dimensions]";
}
