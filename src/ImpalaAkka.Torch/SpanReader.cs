using System.Buffers.Binary;
using System.Text;

namespace ImpalaAkka.Torch;

/// <summary>Bounds-checked little-endian reads over a file's bytes; every failure names the file and the field.</summary>
internal ref struct SpanReader(ReadOnlySpan<byte> data, string path)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public readonly bool AtEnd => position == data.Length;

    public readonly int Remaining => data.Length - position;

    public void Skip(int count) => Take(count, "header");

    public ushort UInt16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public int Int32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public uint UInt32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public long Int64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    public string Utf8(int length, string field) => Encoding.UTF8.GetString(Take(length, field));

    public ReadOnlySpan<byte> Bytes(long length, string field) =>
        length > int.MaxValue ? throw Error($"{field} is too large ({length} bytes)") : Take((int)length, field);

    public readonly StateDictException Error(string reason) => new($"{path}: {reason} (at byte {position})");

    private ReadOnlySpan<byte> Take(int count, string field)
    {
        if (count < 0 || count > data.Length - position)
        {
            throw Error($"truncated while reading {field}");
        }
        var slice = data.Slice(position, count);
        position += count;
        return slice;
    }
}
