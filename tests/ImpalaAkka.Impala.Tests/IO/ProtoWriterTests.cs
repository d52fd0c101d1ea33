using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Impala.Tests.IO;

public sealed class ProtoWriterTests
{
    [Fact]
    public void ScalarEvent_EncodesToHandComputedBytes()
    {
        // Event { wall_time: 1.5, step: 300, summary { value { tag: "a", simple_value: 1 } } }
        var value = new ProtoWriter().String(1, "a").Float(2, 1f);
        var summary = new ProtoWriter().Message(1, value);
        var @event = new ProtoWriter().Double(1, 1.5).Int64(2, 300).Message(5, summary);
        byte[] expected =
        [
            0x09, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, // field 1, fixed64: 1.5
            0x10, 0xAC, 0x02,                  // field 2, varint: 300
            0x2A, 0x0A,                        // field 5, 10 bytes
            0x0A, 0x08,                        //   field 1, 8 bytes
            0x0A, 0x01, (byte)'a',             //     field 1: "a"
            0x15, 0, 0, 0x80, 0x3F,            //     field 2, fixed32: 1f
        ];
        Assert.Equal(expected, @event.ToArray());
    }

    [Theory]
    [InlineData(0L, new byte[] { 0x08, 0x00 })]
    [InlineData(127L, new byte[] { 0x08, 0x7F })]
    [InlineData(128L, new byte[] { 0x08, 0x80, 0x01 })]
    [InlineData(10_000_000_000L, new byte[] { 0x08, 0x80, 0xC8, 0xAF, 0xA0, 0x25 })]
    [InlineData(-1L, new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Int64_Value_IsItsVarint(long value, byte[] expected) => Assert.Equal(expected, new ProtoWriter().Int64(1, value).ToArray());
}
