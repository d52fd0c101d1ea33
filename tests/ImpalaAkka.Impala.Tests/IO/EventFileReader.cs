using System.Buffers.Binary;
using System.Text;

namespace ImpalaAkka.Impala.Tests.IO;

/// <summary>One decoded <c>tensorflow.Event</c>: absent fields read as protobuf's defaults (0, null, none).</summary>
internal sealed record TensorBoardEvent(double WallTime, long Step, string? FileVersion, IReadOnlyList<(string Tag, float Value)> Values);

/// <summary>
/// Reads a TensorBoard event file without the project's writer: checks the TFRecord framing and both
/// masked CRC-32Cs of every record, then decodes the Event / Summary / Summary.Value fields TensorBoard
/// reads for scalars, skipping fields it does not know as protobuf requires. Any damage throws
/// <see cref="InvalidDataException"/> naming the record and what failed.
/// </summary>
internal static class EventFileReader
{
    public static List<TensorBoardEvent> Read(string path)
    {
        // The writer may still hold the file open (a run in progress).
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Parse(copy.ToArray());
    }

    public static List<TensorBoardEvent> Parse(byte[] file)
    {
        var events = new List<TensorBoardEvent>();
        var offset = 0;
        while (offset < file.Length)
        {
            var record = events.Count;
            if (file.Length - offset < 12) throw new InvalidDataException($"record {record} at byte {offset}: truncated header");
            var header = file.AsSpan(offset, 8);
            var length = BinaryPrimitives.ReadUInt64LittleEndian(header);
            var lengthCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 8, 4));
            if (lengthCrc != NaiveCrc32C.Masked(header))
            {
                throw new InvalidDataException($"record {record} at byte {offset}: length CRC is 0x{lengthCrc:X8}, expected 0x{NaiveCrc32C.Masked(header):X8}");
            }
            if (length > int.MaxValue || (long)length > file.Length - offset - 16L) throw new InvalidDataException($"record {record} at byte {offset}: length {length} runs past the end of the file");
            var data = file.AsSpan(offset + 12, (int)length);
            var dataCrc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 12 + (int)length, 4));
            if (dataCrc != NaiveCrc32C.Masked(data))
            {
                throw new InvalidDataException($"record {record} at byte {offset}: data CRC is 0x{dataCrc:X8}, expected 0x{NaiveCrc32C.Masked(data):X8}");
            }
            events.Add(DecodeEvent(data));
            offset += 16 + (int)length;
        }
        return events;
    }

    private static TensorBoardEvent DecodeEvent(ReadOnlySpan<byte> message)
    {
        double wallTime = 0;
        long step = 0;
        string? fileVersion = null;
        var values = new List<(string, float)>();
        var reader = new Fields(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 1): wallTime = BitConverter.Int64BitsToDouble((long)reader.Fixed64()); break;
                case (2, 0): step = (long)reader.Varint(); break;
                case (3, 2): fileVersion = Encoding.UTF8.GetString(reader.Bytes()); break;
                case (5, 2): DecodeSummary(reader.Bytes(), values); break;
                default: reader.Skip(wire); break;
            }
        }
        return new TensorBoardEvent(wallTime, step, fileVersion, values);
    }

    private static void DecodeSummary(ReadOnlySpan<byte> message, List<(string, float)> values)
    {
        var reader = new Fields(message);
        while (reader.Next(out var field, out var wire))
        {
            if ((field, wire) == (1, 2)) values.Add(DecodeValue(reader.Bytes()));
            else reader.Skip(wire);
        }
    }

    private static (string, float) DecodeValue(ReadOnlySpan<byte> message)
    {
        string? tag = null;
        float? value = null;
        var reader = new Fields(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 2): tag = Encoding.UTF8.GetString(reader.Bytes()); break;
                case (2, 5): value = BitConverter.Int32BitsToSingle((int)reader.Fixed32()); break;
                default: reader.Skip(wire); break;
            }
        }
        return (tag ?? throw new InvalidDataException("a summary value without a tag"), value ?? throw new InvalidDataException($"summary value '{tag}' has no simple_value"));
    }

    /// <summary>A cursor over one protobuf message's fields.</summary>
    private ref struct Fields
    {
        private readonly ReadOnlySpan<byte> bytes;
        private int position;

        public Fields(ReadOnlySpan<byte> bytes) => this.bytes = bytes;

        public bool Next(out int field, out int wire)
        {
            if (position == bytes.Length)
            {
                (field, wire) = (0, 0);
                return false;
            }
            var key = Varint();
            (field, wire) = ((int)(key >> 3), (int)(key & 7));
            return true;
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = Take(1)[0];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
            throw new InvalidDataException("varint longer than 10 bytes");
        }

        public ulong Fixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

        public uint Fixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

        public ReadOnlySpan<byte> Bytes() => Take(checked((int)Varint()));

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0: Varint(); break;
                case 1: Take(8); break;
                case 2: Bytes(); break;
                case 5: Take(4); break;
                default: throw new InvalidDataException($"wire type {wire} at byte {position}");
            }
        }

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > bytes.Length - position) throw new InvalidDataException($"field runs past the end of its message at byte {position}");
            var taken = bytes.Slice(position, count);
            position += count;
            return taken;
        }
    }
}
