using System.Text;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Impala.Tests.IO;

public sealed class Crc32CTests
{
    [Fact]
    public void Compute_CheckString_IsTheStandardCheckValue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0xE3069283u, NaiveCrc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    /// <summary>The iSCSI test vectors of RFC 3720, appendix B.4 (32 bytes each).</summary>
    [Theory]
    [InlineData("zeros", 0x8A9136AAu)]
    [InlineData("ones", 0x62A8AB43u)]
    [InlineData("ascending", 0x46DD794Eu)]
    [InlineData("descending", 0x113FDB5Cu)]
    public void Compute_Rfc3720Vector_IsItsPublishedValue(string pattern, uint expected)
    {
        var data = Enumerable.Range(0, 32).Select(i => (byte)(pattern switch
        {
            "zeros" => 0,
            "ones" => 0xFF,
            "ascending" => i,
            _ => 31 - i,
        })).ToArray();
        Assert.Equal(expected, Crc32C.Compute(data));
        Assert.Equal(expected, NaiveCrc32C.Compute(data));
    }

    /// <summary>Lengths on both sides of the 8-byte blocks the fast path takes, and a long buffer.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(4099)]
    public void Compute_AnyLength_EqualsBitwiseReference(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);
        Assert.Equal(NaiveCrc32C.Compute(data), Crc32C.Compute(data));
        Assert.Equal(NaiveCrc32C.Masked(data), Crc32C.Masked(data));
    }

    [Fact]
    public void Masked_EmptyData_IsTheMaskConstant() => Assert.Equal(0xA282EAD8u, Crc32C.Masked([]));
}
