using System.Buffers.Binary;

namespace ImpalaAkka.Impala.IO;

/// <summary>
/// TFRecord framing, the container of TensorBoard event files: per record a little-endian uint64
/// length, the masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data.
/// </summary>
internal static class TfRecord
{
    public const int Overhead = sizeof(ulong) + 2 * sizeof(uint);

    /// <summary>The framed bytes of one record.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> data)
    {
        var record = new byte[Overhead + data.Length];
        var span = record.AsSpan();
        BinaryPrimitives.WriteUInt64LittleEndian(span, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Crc32C.Masked(span[..8]));
        data.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(12 + data.Length)..], Crc32C.Masked(data));
        return record;
    }
}
