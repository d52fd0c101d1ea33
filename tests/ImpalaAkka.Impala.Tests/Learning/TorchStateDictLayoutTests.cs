using System.Runtime.InteropServices;
using System.Text;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Tests.Learning;

public sealed class TorchStateDictLayoutTests
{
    private const string What = "test.iat: model";

    // TorchSharp's dtype codes (torch.ScalarType).
    private const long Float32 = 6, Float64 = 7, Int64 = 4;

    [Fact]
    public void Read_ModuleSavedByTorchSharp_GivesNamesDtypesShapesAndOffsets()
    {
        using var linear = nn.Linear(3, 2);
        using var scope = NewDisposeScope();
        var section = Save(writer => linear.save(writer));

        var layout = TorchStateDictLayout.Read(section, What);

        // count (1) | len 6 "weight" dtype rank 2 3 | 24 bytes | len 4 "bias" dtype rank 2 | 8 bytes
        Assert.Equal(
            ["weight Float32 [2, 3] @12+24", "bias Float32 [2] @44+8"],
            layout.Entries.Select(Describe));
        Assert.Equal(52, section.Length);
        Assert.Equal(TensorData.ToArray<float>(linear.weight!.detach()), Floats(section, layout.Entries[0]));
        Assert.Equal(TensorData.ToArray<float>(linear.bias!.detach()), Floats(section, layout.Entries[1]));
    }

    [Fact]
    public void Read_StateDictSavedByTorchSharp_HandlesEveryDtypeRankAndMultiByteSizes()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["scalar"] = tensor(2.5f),                                     // rank 0: 1 element
            ["long-dim"] = arange(200, dtype: ScalarType.Float32),          // 200 > 127: a 2-byte LEB128 dimension
            ["empty"] = zeros(new long[] { 3, 0 }, dtype: ScalarType.Float64), // no data bytes
            ["counts"] = tensor(new long[] { 7, -8, long.MaxValue }),
            ["doubles"] = tensor(new double[] { 1, 2, 3, 4, 5, 6 }).view(1, 2, 3),
            ["é"] = zeros(1),                                              // a 2-byte UTF-8 name
        };
        var section = Save(writer => nn.Module.save_state_dict(writer, tensors));

        var layout = TorchStateDictLayout.Read(section, What);

        var offset = 1;
        var expected = new List<string>();
        foreach (var (name, value) in tensors)
        {
            var nameBytes = Encoding.UTF8.GetByteCount(name);
            offset += 1 + nameBytes + 1 + 1 + value.shape.Sum(d => d > 127 ? 2 : 1);
            var length = (int)(value.numel() * value.element_size());
            expected.Add($"{name} {value.dtype} [{string.Join(", ", value.shape)}] @{offset}+{length}");
            offset += length;
        }
        Assert.Equal(expected, layout.Entries.Select(Describe));
        Assert.Equal(section.Length, offset);
        Assert.Equal([7L, -8L, long.MaxValue], MemoryMarshal.Cast<byte, long>(section.AsSpan(layout.Entries[3].DataOffset, layout.Entries[3].DataLength)).ToArray());
    }

    [Fact]
    public void Read_NoEntries_IsAnEmptyLayout()
    {
        Assert.Empty(TorchStateDictLayout.Read(new byte[] { 0 }, What).Entries);
    }

    [Fact]
    public void Read_EveryTruncation_IsRefusedWithCheckpointException()
    {
        using var linear = nn.Linear(2, 2);
        var section = Save(writer => linear.save(writer));
        for (var length = 0; length < section.Length; length++)
        {
            var e = Refused(section.AsSpan(0, length).ToArray(), $"the first {length} of {section.Length} bytes");
            Assert.True(e.Message.Contains("truncated", StringComparison.Ordinal) || e.Message.Contains("more data than the file holds", StringComparison.Ordinal)
                || e.Message.Contains("within the data", StringComparison.Ordinal),
                $"the first {length} bytes: the message does not say the data is cut short: {e.Message}");
        }
    }

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "entry count above MaxEntries", Section(TorchStateDictLayout.MaxEntries + 1), $"{TorchStateDictLayout.MaxEntries + 1} entries (expected 0..{TorchStateDictLayout.MaxEntries})" },
        { "11 continuation bytes for the count", [.. Enumerable.Repeat((byte)0xff, 11), 0], "entry count is not a valid LEB128 number" },
        // Nine 7-bit groups hold 63 bits; a tenth byte could only set the sign bit.
        { "a 10-byte LEB128 count", [.. Enumerable.Repeat((byte)0x80, 9), 0x01], "entry count is not a valid LEB128 number" },
        { "11 continuation bytes for a dimension", Concat(Section(1), Name("w"), Leb(Float32), Leb(1), [.. Enumerable.Repeat((byte)0xff, 11)]), "'w' dimension 0 is not a valid LEB128 number" },
        { "a dimension of 2^60", Concat(Section(1), Name("w"), Leb(Float32), Leb(1), Leb(1L << 60), new byte[64]), "'w' dimension 0 is 1152921504606846976 (0..50000000, the most parameters a model may have)" },
        { "a dimension within the limit but more than the data", Concat(Section(1), Name("w"), Leb(Float32), Leb(1), Leb(1000), new byte[64]), "'w' of shape [1000] needs more data than the file holds" },
        { "dimensions whose product overflows", Concat(Section(1), Name("w"), Leb(Float64), Leb(3), Leb(1L << 40), Leb(1L << 40), Leb(1L << 40), new byte[64]), "'w' dimension 0 is 1099511627776 (0..50000000" },
        { "dimensions within the limit whose product is past the data", Concat(Section(1), Name("w"), Leb(Float64), Leb(3), Leb(40_000_000), Leb(40_000_000), Leb(40_000_000), new byte[64]), "needs more data than the file holds" },
        { "a dimension of long.MaxValue after a zero", Concat(Section(2), Entry("z", Float32, [0, long.MaxValue]), Entry("w", Float32, [1L << 62])), "'z' dimension 1 is 9223372036854775807 (0..50000000" },
        { "dtype Int32", Concat(Section(1), Name("w"), Leb(3), Leb(1), Leb(1), new byte[4]), "'w' has dtype code 3, expected Float32 (6), Float64 (7) or Int64 (4)" },
        { "dtype Float16", Concat(Section(1), Name("w"), Leb(5), Leb(1), Leb(1), new byte[2]), "'w' has dtype code 5," },
        { "dtype Bool", Concat(Section(1), Name("w"), Leb(11), Leb(1), Leb(1), new byte[1]), "'w' has dtype code 11," },
        { "an undefined dtype code", Concat(Section(1), Name("w"), Leb(99), Leb(0), new byte[4]), "'w' has dtype code 99," },
        { "a dtype code that would wrap to Float32", Concat(Section(1), Name("w"), Leb(262), Leb(1), Leb(1), new byte[4]), "'w' has dtype code 262," },
        { "rank above MaxRank", Concat(Section(1), Name("w"), Leb(Float32), Leb(TorchStateDictLayout.MaxRank + 1), [.. Enumerable.Repeat((byte)1, 9)], new byte[4]), $"'w' has rank {TorchStateDictLayout.MaxRank + 1} (0..{TorchStateDictLayout.MaxRank})" },
        { "a trailing byte", Concat(Section(1), Entry("w", Float32, [2]), [0]), "1 unexpected bytes after the last entry" },
        { "trailing bytes after no entries", [0, 1, 2, 3], "3 unexpected bytes after the last entry" },
        { "duplicate names", Concat(Section(2), Entry("w", Float32, [1]), Entry("w", Float32, [1])), "duplicate entry names" },
        { "an empty name", Concat(Section(1), Leb(0), Leb(Float32), Leb(0), new byte[4]), "entry 0 has a name of 0 bytes" },
        { "a name above MaxNameBytes", Concat(Section(1), Name(new string('n', TorchStateDictLayout.MaxNameBytes + 1)), Leb(Float32), Leb(0), new byte[4]), $"entry 0 has a name of {TorchStateDictLayout.MaxNameBytes + 1} bytes" },
        { "a name longer than the data", Concat(Section(1), Leb(200), "abc"u8.ToArray()), "entry 0 has a name of 200 bytes" },
        { "a name that is not UTF-8", Concat(Section(1), Leb(2), [0xc3, 0x28], Leb(Float32), Leb(0), new byte[4]), "entry 0 has a name that is not UTF-8" },
        { "a second entry cut off", Concat(Section(2), Entry("w", Float32, [1])), "truncated while reading entry 1 name length" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Read_CraftedSection_IsRefusedNamingTheProblem(string problem, byte[] section, string expected)
    {
        var e = Refused(section, problem);
        Assert.StartsWith(What + ": ", e.Message);
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{problem}: expected the message to contain \"{expected}\", got \"{e.Message}\"");
    }

    [Fact]
    public void Read_TwoThousandRandomMutations_OnlyEverThrowCheckpointException()
    {
        using var scope = NewDisposeScope();
        var section = Save(writer => nn.Module.save_state_dict(writer, new Dictionary<string, Tensor>
        {
            ["torso.0.weight"] = ones(3, 4),
            ["torso.0.bias"] = zeros(3, dtype: ScalarType.Float64),
            ["steps"] = tensor(new long[] { 1, 2 }),
        }));
        var random = new Random(20240611);
        var accepted = 0;
        for (var trial = 0; trial < 2000; trial++)
        {
            var mutated = Mutate(section, random);
            TorchStateDictLayout layout;
            try
            {
                layout = TorchStateDictLayout.Read(mutated, What);
            }
            catch (CheckpointException)
            {
                continue;
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial}: {e.GetType().Name} instead of CheckpointException for bytes {Convert.ToHexString(mutated)}: {e}");
                throw;
            }
            // Whatever is accepted must describe data that is really there.
            foreach (var e in layout.Entries)
            {
                Assert.True(e.DataOffset >= 0 && e.DataLength >= 0 && e.DataOffset + (long)e.DataLength <= mutated.Length,
                    $"trial {trial}: '{e.Name}' at {e.DataOffset}+{e.DataLength} in {mutated.Length} bytes");
            }
            accepted++;
        }
        // Most mutations break the section; some (a changed data byte) must not.
        Assert.InRange(accepted, 1, 1999);
    }

    [Fact]
    public void Require_SameNamesAndShapes_Passes()
    {
        var layout = TorchStateDictLayout.Read(Concat(Section(2), Entry("w", Float32, [2, 3]), Entry("b", Float32, [2])), What);
        layout.Require([("w", [2, 3]), ("b", [2])], What);
    }

    public static TheoryData<string, (string, long[])[], string> Mismatches => new()
    {
        { "another name", [("w", [2, 3]), ("bias", [2])], "entry 1 is 'b', this learner expects 'bias'" },
        { "another shape", [("w", [3, 2]), ("b", [2])], "'w' is Float32 [2, 3], this learner's is Float32 [3, 2]" },
        { "another rank", [("w", [6]), ("b", [2])], "'w' is Float32 [2, 3], this learner's is Float32 [6]" },
        { "an entry more", [("w", [2, 3]), ("b", [2]), ("c", [1])], "missing 'c' (the checkpoint has 2 entries, this learner 3)" },
        { "an entry fewer", [("w", [2, 3])], "unexpected entry 'b' (the checkpoint has 2 entries, this learner 1)" },
        { "no entries", [], "unexpected entry 'w' (the checkpoint has 2 entries, this learner 0)" },
    };

    [Theory]
    [MemberData(nameof(Mismatches))]
    public void Require_Mismatch_IsRefusedNamingIt(string problem, (string, long[])[] expected, string message)
    {
        var layout = TorchStateDictLayout.Read(Concat(Section(2), Entry("w", Float32, [2, 3]), Entry("b", Float32, [2])), What);
        var e = Assert.Throws<CheckpointException>(() => layout.Require(expected, What));
        Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{problem}: expected the message to contain \"{message}\", got \"{e.Message}\"");
    }

    [Fact]
    public void Require_SameShapeOtherDtype_IsRefused()
    {
        var layout = TorchStateDictLayout.Read(Concat(Section(1), Entry("w", Float64, [2])), What);
        var e = Assert.Throws<CheckpointException>(() => layout.Require([("w", [2])], What));
        Assert.Equal($"{What}: 'w' is Float64 [2], this learner's is Float32 [2]", e.Message);
    }

    private static CheckpointException Refused(byte[] section, string what)
    {
        try
        {
            var layout = TorchStateDictLayout.Read(section, What);
            Assert.Fail($"{what}: accepted, with {layout.Entries.Count} entries");
            return null!;
        }
        catch (CheckpointException e)
        {
            return e;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{what}: {e.GetType().Name} instead of CheckpointException: {e.Message}");
            return null!;
        }
    }

    private static byte[] Mutate(byte[] section, Random random)
    {
        var bytes = section.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count + 1);
            switch (random.Next(4))
            {
                case 0 when at < bytes.Count:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when at < bytes.Count:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
            }
        }
        return [.. bytes];
    }

    private static string Describe(TorchStateDictLayout.Entry e) =>
        $"{e.Name} {e.DType} [{string.Join(", ", e.Shape)}] @{e.DataOffset}+{e.DataLength}";

    private static float[] Floats(byte[] section, TorchStateDictLayout.Entry e) =>
        MemoryMarshal.Cast<byte, float>(section.AsSpan(e.DataOffset, e.DataLength)).ToArray();

    private static byte[] Save(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) write(writer);
        return stream.ToArray();
    }

    private static byte[] Section(long count) => Leb(count);

    private static byte[] Leb(long value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }

    private static byte[] Name(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        return Concat(Leb(utf8.Length), utf8);
    }

    /// <summary>A whole entry with zero data, sized for the shape (which must fit in memory).</summary>
    private static byte[] Entry(string name, long dtype, long[] shape)
    {
        var elements = shape.Aggregate(1L, (a, d) => a * d);
        var data = elements is >= 0 and < 1 << 20 ? new byte[elements * (dtype == Float32 ? 4 : 8)] : [];
        return Concat(Name(name), Leb(dtype), Leb(shape.Length), Concat([.. shape.Select(Leb)]), data);
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
