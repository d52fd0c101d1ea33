using System.Buffers.Binary;
using System.Numerics;

namespace ImpalaAkka.Impala.IO;

/// <summary>
/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, as TFRecord and TensorBoard use it; not the
/// IEEE CRC-32 of <c>System.IO.Hashing.Crc32</c>). <see cref="BitOperations.Crc32C(uint, ulong)"/> is the
/// in-box kernel (SSE4.2 / ARMv8 CRC instructions, a table otherwise); it only accumulates, so the
/// standard initial and final inversions are applied here.
/// </summary>
internal static class Crc32C
{
    /// <summary>The CRC-32C of <paramref name="data"/>; the check value for ASCII "123456789" is 0xE3069283.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        var i = 0;
        for (; i + sizeof(ulong) <= data.Length; i += sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data[i..]));
        }
        for (; i < data.Length; i++)
        {
            crc = BitOperations.Crc32C(crc, data[i]);
        }
        return ~crc;
    }

    /// <summary>
    /// TFRecord's masked CRC: rotated right by 15 bits plus a constant, because a CRC stored next to the
    /// bytes it covers is a poor check of data that itself holds CRCs.
    /// </summary>
    public static uint Masked(ReadOnlySpan<byte> data)
    {
        var crc = Compute(data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8u;
    }
}
