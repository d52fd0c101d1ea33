using System.Buffers.Binary;
using System.Text;

namespace ImpalaAkka.Impala.IO;

/// <summary>
/// Encodes one protobuf message field by field (varint, fixed64, fixed32, length-delimited): enough for
/// TensorBoard's <c>Event</c> and <c>Summary</c> without making this project depend on Google.Protobuf.
/// Fields are written in the order called; a nested message is a finished writer passed to <see cref="Message"/>.
/// </summary>
internal sealed class ProtoWriter
{
    private const int Varint = 0, Fixed64 = 1, LengthDelimited = 2, Fixed32 = 5;

    private readonly MemoryStream bytes = new();

    public ProtoWriter Double(int field, double value)
    {
        Tag(field, Fixed64);
        Span<byte> buffer = stackalloc byte[sizeof(double)];
        BinaryPrimitives.WriteDoubleLittleEndian(buffer, value);
        bytes.Write(buffer);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> buffer = stackalloc byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
        bytes.Write(buffer);
        return this;
    }

    /// <summary>An <c>int64</c> field: negative values take ten bytes, as protobuf specifies (no zigzag).</summary>
    public ProtoWriter Int64(int field, long value)
    {
        Tag(field, Varint);
        WriteVarint((ulong)value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    public byte[] ToArray() => bytes.ToArray();

    private ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        bytes.Write(value);
        return this;
    }

    private void Tag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            bytes.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        bytes.WriteByte((byte)value);
    }
}
