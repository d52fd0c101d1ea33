using Google.Protobuf;
using ImpalaAkka.Cluster.Wire;
using ImpalaAkka.Impala.Model;
using Domain = ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Cluster.Tests.Wire;

public sealed class WireCodecTests
{
    private const int Limit = 1 << 20;

    private static Domain.Unroll Sample() => new(
        new Domain.ProducerId("rollout-1", 2, 3, 41), 17, 2,
        [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f], [1, 0], [1f, -1f], [false, true], [0.5f, -0.5f, 1f, 2f], [3f], [9], "catch")
    {
        InitialState = [0.25f, -0.25f],
    };

    [Fact]
    public void Unroll_RoundTripsEveryField()
    {
        var original = Sample();
        var decoded = WireCodec.DecodeUnroll(WireCodec.Encode(original, [2], 2), Limit);
        Assert.Equal(original.Producer, decoded.Producer);
        Assert.Equal(original.ParameterVersion, decoded.ParameterVersion);
        Assert.Equal(original.Length, decoded.Length);
        Assert.Equal(original.Observations, decoded.Observations);
        Assert.Equal(original.Actions, decoded.Actions);
        Assert.Equal(original.Rewards, decoded.Rewards);
        Assert.Equal(original.Dones, decoded.Dones);
        Assert.Equal(original.BehaviourLogits, decoded.BehaviourLogits);
        Assert.Equal(original.EpisodeReturns, decoded.EpisodeReturns);
        Assert.Equal(original.EpisodeLengths, decoded.EpisodeLengths);
        Assert.Equal(original.InitialState, decoded.InitialState);
        Assert.Equal("catch", decoded.Task);
    }

    [Fact]
    public void Unroll_OfAMultiTaskRun_KeepsItsTaskName()
    {
        var original = Sample() with { Task = "minatar-space-invaders" };
        Assert.Equal("minatar-space-invaders", WireCodec.DecodeUnroll(WireCodec.Encode(original, [2], 2), Limit).Task);
    }

    [Fact]
    public void Parameters_RoundTrip_AndShapesAreChecked()
    {
        var p = new PolicyParameters(5, [[1f, 2f, 3f, 4f, 5f, 6f], [7f, 8f]]);
        long[][] shapes = [[2, 3], [2]];
        var (decoded, published) = WireCodec.DecodeParameters(WireCodec.Encode(p, shapes, 1234), Limit, shapes);
        Assert.Equal(5, decoded.Version);
        Assert.Equal(1234, published);
        Assert.Equal(p.Values, decoded.Values);
        var e = Assert.Throws<WireException>(() => WireCodec.DecodeParameters(WireCodec.Encode(p, shapes, 0), Limit, [[3, 2], [2]]));
        Assert.Equal("parameters: tensor 0 is [2, 3], the model's is [3, 2]", e.Message);
    }

    [Fact]
    public void Garbage_IsRejectedAsInvalid()
    {
        var e = Assert.Throws<WireException>(() => WireCodec.DecodeUnroll(new byte[] { 0xff, 0xff, 0xff, 0xff, 0x0f }, Limit));
        Assert.StartsWith("unroll: not a valid message", e.Message);
    }

    [Fact]
    public void OversizedMessage_IsRejectedBeforeParsing()
    {
        var bytes = WireCodec.Encode(Sample(), [2], 2);
        var e = Assert.Throws<WireException>(() => WireCodec.DecodeUnroll(bytes, 16));
        Assert.Equal($"unroll: {bytes.Length} bytes exceeds the limit of 16", e.Message);
    }

    [Fact]
    public void OtherProtocolVersion_IsRejected()
    {
        var message = Unroll.Parser.ParseFrom(WireCodec.Encode(Sample(), [2], 2));
        message.Protocol = 99;
        var e = Assert.Throws<WireException>(() => WireCodec.DecodeUnroll(message.ToByteArray(), Limit));
        Assert.Equal("unroll: protocol version 99, this build speaks 1", e.Message);
    }

    [Theory]
    [InlineData("observations", "observations: 20 bytes for shape [3, 2], expected 24")]
    [InlineData("actions", "actions: dtype Float32, expected Int32")]
    [InlineData("dones", "unroll: dones holds 7, expected 0 or 1")]
    [InlineData("producer", "unroll: producer is missing")]
    public void TensorsNotMatchingTheirShape_AreRejectedNamingTheField(string field, string message)
    {
        var m = Unroll.Parser.ParseFrom(WireCodec.Encode(Sample(), [2], 2));
        switch (field)
        {
            case "observations": m.Observations.Data = ByteString.CopyFrom(new byte[20]); break;
            case "actions": m.Actions.Dtype = DType.Float32; break;
            case "dones": m.Dones.Data = ByteString.CopyFrom([1, 7]); break;
            case "producer": m.Producer = null; break;
        }
        Assert.Equal(message, Assert.Throws<WireException>(() => WireCodec.DecodeUnroll(m.ToByteArray(), Limit)).Message);
    }
}
