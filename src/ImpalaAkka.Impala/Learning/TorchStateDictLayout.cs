using System.Text;
using ImpalaAkka.Impala.Model;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// Reads the layout of a state dict in TorchSharp's own format (what <c>Module.save</c> writes:
/// a LEB128 entry count, then per entry a length-prefixed UTF-8 name, LEB128 dtype, rank and
/// dimensions, and the raw little-endian data), checking every size against the bytes there are.
/// It lets a checkpoint be checked against the model before TorchSharp reads any of it.
/// </summary>
public sealed class TorchStateDictLayout
{
    /// <summary>At most this many entries, and names of at most this many bytes; far above any model here.</summary>
    public const int MaxEntries = 4096, MaxNameBytes = 1024, MaxRank = 8;

    private TorchStateDictLayout(IReadOnlyList<Entry> entries) => Entries = entries;

    /// <summary>One tensor: its name, dtype, shape, and where its data lies in the section.</summary>
    public sealed record Entry(string Name, ScalarType DType, long[] Shape, int DataOffset, int DataLength);

    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>Parses <paramref name="section"/>; <paramref name="what"/> names it in errors (e.g. "checkpoint.iat: model state").</summary>
    /// <exception cref="CheckpointException">The bytes are not a well-formed state dict of float32/int64/float64 tensors.</exception>
    public static TorchStateDictLayout Read(ReadOnlySpan<byte> section, string what)
    {
        var position = 0;
        var count = Leb128(section, ref position, what, "entry count");
        if (count is < 0 or > MaxEntries) throw new CheckpointException($"{what}: {count} entries (expected 0..{MaxEntries})");
        var entries = new List<Entry>((int)count);
        for (var i = 0; i < count; i++)
        {
            var nameLength = Leb128(section, ref position, what, $"entry {i} name length");
            if (nameLength is < 1 or > MaxNameBytes || nameLength > section.Length - position)
            {
                throw new CheckpointException($"{what}: entry {i} has a name of {nameLength} bytes (1..{MaxNameBytes}, within the data)");
            }
            var name = DecodeName(section.Slice(position, (int)nameLength), what, i);
            position += (int)nameLength;
            var code = Leb128(section, ref position, what, $"'{name}' dtype");
            // Compared as a number: ScalarType is an sbyte enum, and a cast would wrap 262 to Float32.
            var (dtype, elementSize) = code switch
            {
                (long)ScalarType.Float32 => (ScalarType.Float32, 4),
                (long)ScalarType.Float64 => (ScalarType.Float64, 8),
                (long)ScalarType.Int64 => (ScalarType.Int64, 8),
                _ => throw new CheckpointException($"{what}: '{name}' has dtype code {code}, expected Float32 (6), Float64 (7) or Int64 (4)"),
            };
            var rank = Leb128(section, ref position, what, $"'{name}' rank");
            if (rank is < 0 or > MaxRank) throw new CheckpointException($"{what}: '{name}' has rank {rank} (0..{MaxRank})");
            var shape = new long[rank];
            long bytes = elementSize;
            for (var d = 0; d < rank; d++)
            {
                shape[d] = Leb128(section, ref position, what, $"'{name}' dimension {d}");
                if (shape[d] is < 0 or > ModelShapes.MaxParameters)
                {
                    throw new CheckpointException($"{what}: '{name}' dimension {d} is {shape[d]} (0..{ModelShapes.MaxParameters}, the most parameters a model may have)");
                }
                // Bounded by the bytes that are there, so no product overflows.
                bytes = shape[d] == 0 ? 0 : bytes > (section.Length - position) / Math.Max(shape[d], 1) ? long.MaxValue : bytes * shape[d];
            }
            if (bytes > section.Length - position)
            {
                throw new CheckpointException($"{what}: '{name}' of shape [{string.Join(", ", shape)}] needs more data than the file holds");
            }
            entries.Add(new Entry(name, dtype, shape, position, (int)bytes));
            position += (int)bytes;
        }
        if (position != section.Length) throw new CheckpointException($"{what}: {section.Length - position} unexpected bytes after the last entry");
        if (entries.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() != entries.Count) throw new CheckpointException($"{what}: duplicate entry names");
        return new TorchStateDictLayout(entries);
    }

    /// <summary>Throws unless the entries are exactly <paramref name="expected"/> (names, order, float32 shapes).</summary>
    public void Require(IReadOnlyList<(string Name, long[] Shape)> expected, string what)
    {
        for (var i = 0; i < Math.Max(expected.Count, Entries.Count); i++)
        {
            if (i >= Entries.Count) throw new CheckpointException($"{what}: missing '{expected[i].Name}' (the checkpoint has {Entries.Count} entries, this learner {expected.Count})");
            var entry = Entries[i];
            if (i >= expected.Count) throw new CheckpointException($"{what}: unexpected entry '{entry.Name}' (the checkpoint has {Entries.Count} entries, this learner {expected.Count})");
            var (name, shape) = expected[i];
            if (entry.Name != name) throw new CheckpointException($"{what}: entry {i} is '{entry.Name}', this learner expects '{name}'");
            if (entry.DType != ScalarType.Float32 || !entry.Shape.SequenceEqual(shape))
            {
                throw new CheckpointException(
                    $"{what}: '{name}' is {entry.DType} [{string.Join(", ", entry.Shape)}], this learner's is Float32 [{string.Join(", ", shape)}]");
            }
        }
    }

    /// <summary>TorchSharp's LEB128 (7 bits a byte, low first) of a non-negative long: at most 9 bytes (63 bits).</summary>
    private static long Leb128(ReadOnlySpan<byte> data, ref int position, string what, string field)
    {
        long value = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            if (position >= data.Length) throw new CheckpointException($"{what}: truncated while reading {field}");
            var b = data[position++];
            value |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new CheckpointException($"{what}: {field} is not a valid LEB128 number");
    }

    private static string DecodeName(ReadOnlySpan<byte> bytes, string what, int index)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new CheckpointException($"{what}: entry {index} has a name that is not UTF-8");
        }
    }
}
