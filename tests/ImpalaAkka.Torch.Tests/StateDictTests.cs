using ImpalaAkka.Torch.Modules;

namespace ImpalaAkka.Torch.Tests;

public sealed class StateDictTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-statedict-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static Sequential Net() => new(new Linear(3, 4), new Relu(), new Linear(4, 2));

    [Fact]
    public void SaveThenLoad_RestoresEveryParameterBitExactly()
    {
        var path = Path.Combine(directory, "model.iat");
        Libtorch.ManualSeed(10);
        using var source = Net();
        new StateDict(source.NamedParameters()).Save(path);
        Libtorch.ManualSeed(11);
        using var target = Net();
        using (var loaded = StateDict.Load(path))
        {
            target.LoadStateDict(loaded, path);
        }
        foreach (var (a, b) in source.Parameters().Zip(target.Parameters()))
        {
            Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        }
    }

    [Fact]
    public void Save_MixedDTypes_RoundTrip()
    {
        var path = Path.Combine(directory, "mixed.iat");
        using var scope = DisposeScope.Begin();
        var state = new StateDict();
        state.Add("steps", Tensor.From<long>([7, 8], [2]));
        state.Add("mask", Tensor.From<bool>([true, false, true], [3]));
        state.Add("scalar", Tensor.Scalar(2.5));
        state.Save(path);
        using var loaded = StateDict.Load(path);
        Assert.Equal(["steps", "mask", "scalar"], loaded.Names);
        Assert.Equal([7L, 8], loaded["steps"].ToArray<long>());
        Assert.Equal([true, false, true], loaded["mask"].ToArray<bool>());
        Assert.Equal(2.5, loaded["scalar"].Item());
        Assert.Equal(0, loaded["scalar"].Dim);
    }

    [Fact]
    public void Load_FlippedByte_IsRefusedAsCorrupt()
    {
        var path = Path.Combine(directory, "model.iat");
        using var net = Net();
        new StateDict(net.NamedParameters()).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[40] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<StateDictException>(() => StateDict.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void Load_Truncated_IsRefused()
    {
        var path = Path.Combine(directory, "model.iat");
        using var net = Net();
        new StateDict(net.NamedParameters()).Save(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<StateDictException>(() => StateDict.Load(path));
        Assert.Contains("checksum mismatch", e.Message);
    }

    [Fact]
    public void Load_NotAStateDict_IsRefusedWithReason()
    {
        var path = Path.Combine(directory, "junk.iat");
        File.WriteAllText(path, "this is not a tensor file at all, just some text that is long enough");
        var e = Assert.Throws<StateDictException>(() => StateDict.Load(path));
        Assert.Contains("not a state-dict file", e.Message);
        var missing = Path.Combine(directory, "missing.iat");
        Assert.Contains("cannot read", Assert.Throws<StateDictException>(() => StateDict.Load(missing)).Message);
    }

    [Fact]
    public void Load_OtherFormatVersion_IsRefused()
    {
        var path = Path.Combine(directory, "model.iat");
        using var net = Net();
        new StateDict(net.NamedParameters()).Save(path);
        var bytes = File.ReadAllBytes(path);
        bytes[8] = 99;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<StateDictException>(() => StateDict.Load(path));
        Assert.Contains("format version 99", e.Message);
    }

    [Fact]
    public void LoadStateDict_MismatchedModel_IsRefusedAndLeavesParametersUntouched()
    {
        var path = Path.Combine(directory, "model.iat");
        using var small = new Sequential(new Linear(3, 4), new Relu(), new Linear(4, 2));
        new StateDict(small.NamedParameters()).Save(path);
        using var wide = new Sequential(new Linear(3, 5), new Relu(), new Linear(5, 2));
        var before = wide.Parameters().Select(p => p.ToArray<float>()).ToList();
        using var loaded = StateDict.Load(path);
        var e = Assert.Throws<StateDictException>(() => wide.LoadStateDict(loaded, path));
        Assert.Contains("'0.weight' is [4, 3]", e.Message);
        Assert.Equal(before, wide.Parameters().Select(p => p.ToArray<float>()).ToList());

        using var other = new Sequential(new Linear(3, 4));
        var missing = Assert.Throws<StateDictException>(() => other.LoadStateDict(loaded, path));
        Assert.Contains("unexpected: [2.weight, 2.bias]", missing.Message);
    }

    [Fact]
    public void Save_WhenWriteFails_LeavesPreviousFileIntact()
    {
        var path = Path.Combine(directory, "model.iat");
        File.WriteAllText(path, "previous");
        Assert.Throws<InvalidOperationException>(() =>
            AtomicFile.Write(path, stream =>
            {
                stream.WriteByte(1);
                throw new InvalidOperationException("disk full");
            }));
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(directory));
    }
}
