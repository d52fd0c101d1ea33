using System.Buffers.Binary;
using System.Security.Cryptography;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;
using ImpalaAkka.Tests.Shared;

namespace ImpalaAkka.Impala.Tests.Training;

[Collection(nameof(TrainerTests))]
public sealed class CheckpointTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-ckpt-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Path_ => Path.Combine(directory, Checkpoint.FileName);

    private static LearnerCore Core(params string[] overrides) => new(TestSettings.Load(overrides), Environments.Environments.SpecOf("cartpole"));

    private static float[] FirstParameter(LearnerCore core) => TensorData.ToArray<float>(core.Net.parameters().First());

    [Fact]
    public async Task Resume_ContinuesVersionFramesAndOptimizerState()
    {
        var first = TestSettings.Load("impala.run.max-frames=3200", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4");
        var monitor = new TrainingMonitor(first.Run.MaxFrames, null);
        var a = await InProcessTrainer.RunAsync(first, monitor, new InProcessTrainer.Options { CheckpointPath = Path_ }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(File.Exists(Path_));

        var second = TestSettings.Load("impala.run.max-frames=6400", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4");
        var monitor2 = new TrainingMonitor(second.Run.MaxFrames, null);
        var b = await InProcessTrainer.RunAsync(second, monitor2, new InProcessTrainer.Options { CheckpointPath = Path_, Resume = LearnerStart.Resume(new FileCheckpointStore(Path_), second, Environments.Environments.SpecOf(second.Env.Name)) }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(a.FinalVersion + (b.Final.Frames - a.Final.Frames) / 80, b.FinalVersion);
        Assert.Equal(b.Final.LearnerSteps, b.FinalVersion);
        Assert.True(b.Final.Frames >= 6400);
        // The resumed actors' producer ids are new to the ledger, so none of their unrolls is taken for a duplicate.
        Assert.True(b.Final.Dropped.Values.Sum() == 0, $"dropped after resume: {string.Join(", ", b.Final.Dropped)}");
        // Every count is cumulative, like frames and steps: 4 fresh unrolls a step, each in the lag histogram.
        Assert.Equal((4 * b.Final.LearnerSteps, 4 * b.Final.LearnerSteps), (b.Final.UnrollsUsed, b.Final.LagHistogram.Values.Sum()));

        // Resumed with a budget already spent, the run stops at once: no step, nothing changed.
        var third = TestSettings.Load("impala.run.max-frames=3200", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4");
        var c = await InProcessTrainer.RunAsync(third, new TrainingMonitor(third.Run.MaxFrames, null), new InProcessTrainer.Options { CheckpointPath = Path_, Resume = LearnerStart.Resume(new FileCheckpointStore(Path_), third, Environments.Environments.SpecOf(third.Env.Name)) }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((StopReason.MaxFrames, b.Final.Frames, b.Final.LearnerSteps, b.Final.UnrollsUsed), (c.StopReason, c.Final.Frames, c.Final.LearnerSteps, c.Final.UnrollsUsed));

        using var core = new LearnerCore(second, Environments.Environments.SpecOf("cartpole"));
        var meta = Checkpoint.Load(Path_, core);
        Assert.Equal(b.FinalVersion, meta.Version);
        Assert.Equal(core.Optimizer.Steps, meta.OptimizerSteps);
        Assert.Equal(b.FinalVersion, meta.OptimizerSteps);
    }

    [Theory]
    [InlineData("rmsprop", "inside-sqrt")]
    [InlineData("rmsprop", "outside-sqrt")]
    [InlineData("adam", "inside-sqrt")]
    [InlineData("sgd", "inside-sqrt")]
    public void SaveThenLoad_RestoresParametersOptimizerStateAndLedger(string kind, string placement)
    {
        string[] options = [$"impala.learner.optimizer.kind={kind}", $"impala.learner.optimizer.epsilon-placement={placement}", "impala.learner.optimizer.momentum=0.5"];
        using var saved = Core(options);
        TrainingSteps.Run(saved, 3);
        var ledger = new UnrollLedger();
        ledger.Add(new Messages.ProducerId("node-a", 2, 1, 0));
        ledger.Add(new Messages.ProducerId("node-a", 2, 1, 5));
        Checkpoint.Save(new FileCheckpointStore(Path_), saved, new Checkpoint.Meta(3, 240, 3, 9, 3, 2.5), ledger);

        using var loaded = Core(options);
        var (meta, restored) = Checkpoint.Load(new FileCheckpointStore(Path_), loaded);
        Assert.Equal(new Checkpoint.Meta(3, 240, 3, 9, 3, 2.5), meta);
        Assert.Equal(3, loaded.Version);
        Assert.Equal(3, loaded.Optimizer.Steps);
        Assert.Equal(ledger.Streams().Select(Describe), restored.Streams().Select(Describe));
        foreach (var (p, q) in saved.Net.parameters().Zip(loaded.Net.parameters()))
        {
            Assert.Equal(TensorData.ToArray<float>(p), TensorData.ToArray<float>(q));
        }
        foreach (var (s, l) in saved.Optimizer.State().Zip(loaded.Optimizer.State()))
        {
            Assert.Equal(s.Name, l.Name);
            Assert.Equal(TensorData.ToArray<float>(s.Value), TensorData.ToArray<float>(l.Value));
        }
        // The next step is then the same in both.
        TrainingSteps.Run(saved, 1);
        TrainingSteps.Run(loaded, 1);
        Assert.Equal(FirstParameter(saved), FirstParameter(loaded));
    }

    [Fact]
    public void SaveThenPeek_KeepsTheRunCounts()
    {
        using var core = Core();
        var counts = new RunCounts(10, 3, new Dictionary<long, long> { [0] = 6, [2] = 4 }, new Dictionary<string, long> { ["lag"] = 2 }, 5, 1, 7, 300, 10.5);
        Checkpoint.Save(Path_, core, new Checkpoint.Meta(7, 100, 7, 3, 7, 1.5, counts));

        var read = Checkpoint.PeekMeta(new FileCheckpointStore(Path_))!.Counts!;
        Assert.Equal(counts with { LagHistogram = read.LagHistogram, Dropped = read.Dropped }, read);
        Assert.Equal(counts.LagHistogram.ToArray(), read.LagHistogram.ToArray());
        Assert.Equal(counts.Dropped.ToArray(), read.Dropped.ToArray());
    }

    private static string Describe(UnrollLedger.Stream s) => $"{s.Node}/{s.Actor}/{s.Incarnation}/{s.Watermark}/{string.Join(",", s.Above)}";

    [Fact]
    public void Load_CorruptFile_IsRefused_AndLearnerUnchanged()
    {
        using var core = Core();
        Checkpoint.Save(Path_, core, new Checkpoint.Meta(7, 100, 7, 3, 7, 1.5));
        var bytes = File.ReadAllBytes(Path_);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(Path_, bytes);
        var before = FirstParameter(core);
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(Path_, core));
        Assert.Equal($"{Path_}: checksum mismatch, the file is corrupt or truncated", e.Message);
        Assert.Equal(before, FirstParameter(core));
        Assert.Equal(0, core.Version);
    }

    [Fact]
    public void Load_TruncatedAnywhere_IsRefusedNamingTheFile()
    {
        using var core = Core("impala.model.hidden=[4]");
        Checkpoint.Save(Path_, core, new Checkpoint.Meta(1, 1, 1, 1, 0, 0));
        var bytes = File.ReadAllBytes(Path_);
        var truncated = Path.Combine(directory, "truncated.iat");
        for (var length = 0; length < bytes.Length; length += 7)
        {
            File.WriteAllBytes(truncated, bytes[..length]);
            var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(truncated, core));
            Assert.StartsWith(truncated + ": ", e.Message);
        }
    }

    [Fact]
    public void Load_CraftedShapeWithValidChecksum_IsRefusedBeforeTorchSharpReadsIt()
    {
        using var core = Core();
        Checkpoint.Save(Path_, core, new Checkpoint.Meta(1, 1, 1, 1, 0, 0));
        var bytes = File.ReadAllBytes(Path_);
        // The model section starts after the magic, the version and the metadata; its first entry's
        // name is "torso.1.weight" and its first dimension (64, one LEB128 byte) follows dtype and rank.
        var metadataLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        var model = 16 + metadataLength + 8;
        var name = "torso.1.weight"u8.ToArray();
        var at = bytes.AsSpan(model).IndexOf(name) + model + name.Length;
        Assert.Equal(6, bytes[at]);      // Float32
        Assert.Equal(2, bytes[at + 1]);  // rank
        Assert.Equal(64, bytes[at + 2]); // [64, 4]
        bytes[at + 2] = 0xff;            // a 9-byte LEB128 dimension of about 2^62 in its place
        var crafted = bytes[..(at + 2)].Concat(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f }).Concat(bytes[(at + 3)..]).ToArray();
        File.WriteAllBytes(Path_, Rehash(crafted, lengthDelta: 8, sectionLengthAt: model - 8));
        var before = FirstParameter(core);

        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(Path_, core));
        Assert.Equal($"{Path_}: model: 'torso.1.weight' dimension 0 is 4611686018427387903 (0..50000000, the most parameters a model may have)", e.Message);
        Assert.Equal(before, FirstParameter(core));
    }

    [Fact]
    public void Load_OtherModel_IsRefusedNamingTheParameter()
    {
        using (var small = Core("impala.model.hidden=[8]"))
        {
            Checkpoint.Save(Path_, small, new Checkpoint.Meta(1, 1, 1, 1, 0, 0));
        }
        using var core = Core();
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(Path_, core));
        Assert.Equal($"{Path_}: model: 'torso.1.weight' is Float32 [8, 4], this learner's is Float32 [64, 4]", e.Message);
        Assert.Equal(0, core.Version);
    }

    [Fact]
    public void Load_OtherOptimizer_IsRefusedNamingBoth()
    {
        using (var adam = Core("impala.learner.optimizer.kind=adam"))
        {
            Checkpoint.Save(Path_, adam, new Checkpoint.Meta(1, 1, 1, 1, 0, 0));
        }
        using var core = Core();
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(Path_, core));
        Assert.Equal($"{Path_}: holds adam optimizer state, this learner uses rmsprop-tf1", e.Message);
    }

    [Fact]
    public void Load_FormatOneCheckpoint_IsRefusedSayingSo()
    {
        // The first bytes of a checkpoint written by the binding this project had before TorchSharp.
        File.WriteAllBytes(Path_, [.. "IATSD\r\n\x1a"u8, 1, 0, 0, 0, 3, 0, 0, 0, .. new byte[64]]);
        using var core = Core();
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(Path_, core));
        Assert.Equal($"{Path_}: a format 1 checkpoint (written before the move to TorchSharp); this build reads format 2 only: start a new run", e.Message);
    }

    [Fact]
    public void Load_Directory_IsRefusedSayingSo()
    {
        using var core = Core();
        var e = Assert.Throws<CheckpointException>(() => Checkpoint.Load(directory, core));
        Assert.Equal($"{directory}: is a directory, not a checkpoint file", e.Message);
    }

    [Theory]
    [InlineData("[{\"node\":\"n\",\"actor\":0,\"incarnation\":0,\"watermark\":9223372036854775807,\"above\":[]}]", "ledger[0].watermark: 9223372036854775807 (with 0 above it) takes the ledger past 1125899906842624 settled unrolls")]
    [InlineData("[{\"node\":\"n\",\"actor\":0,\"incarnation\":0,\"watermark\":-1,\"above\":[]}]", "ledger[0].watermark: -1 (with 0 above it) takes the ledger past 1125899906842624 settled unrolls")]
    [InlineData("[{\"node\":\"n\",\"actor\":0,\"incarnation\":0,\"watermark\":5,\"above\":[7,6]}]", "ledger[0].above[1]: 6 is not above the watermark 5 and the previous entry")]
    [InlineData("[{\"node\":\"n\",\"actor\":0,\"incarnation\":0,\"watermark\":1,\"above\":[]},{\"node\":\"n\",\"actor\":0,\"incarnation\":0,\"watermark\":2,\"above\":[]}]", "ledger[1]: stream (n, 0, 0) appears twice")]
    public void Peek_CraftedLedgerWithValidChecksum_IsRefusedNamingTheField(string ledger, string expected)
    {
        var store = new MemoryCheckpointStore("crafted.iat");
        using (var core = Core("impala.model.hidden=[4]"))
        {
            Checkpoint.Save(store, core, new Checkpoint.Meta(1, 1, 1, 1, 0, 0), new UnrollLedger());
        }
        var bytes = store.Read()!;
        var metadataLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        var json = System.Text.Encoding.UTF8.GetString(bytes, 16, metadataLength).Replace("\"ledger\":[]", $"\"ledger\":{ledger}");
        var metadata = System.Text.Encoding.UTF8.GetBytes(json);
        var body = new List<byte>(bytes[..12]);
        body.AddRange(BitConverter.GetBytes((uint)metadata.Length));
        body.AddRange(metadata);
        body.AddRange(bytes[(16 + metadataLength)..^32]);
        store.Write([.. body, .. SHA256.HashData([.. body])]);

        var e = Assert.Throws<CheckpointException>(() => Checkpoint.PeekLedger(store));
        Assert.Equal($"crafted.iat: {expected}", e.Message);
    }

    [Fact]
    public void Read_MutatedCheckpointsWithValidChecksums_GiveACheckpointException()
    {
        var store = new MemoryCheckpointStore("fuzz.iat");
        using (var core = Core("impala.model.hidden=[4]"))
        {
            var ledger = new UnrollLedger();
            ledger.AddRange([new Messages.ProducerId("node-a", 1, 0, 0), new Messages.ProducerId("node-a", 1, 0, 2)]);
            Checkpoint.Save(store, core, new Checkpoint.Meta(1, 1, 1, 1, 0, 0), ledger);
        }
        var original = store.Read()!;
        var body = original[..^32];
        byte[] alphabet = [0, 1, 2, 4, 6, 7, 8, 0x7f, 0x80, 0xff, (byte)'"', (byte)'[', (byte)']', (byte)'{', (byte)'-', (byte)'9', (byte)','];
        Fuzz.Check("checkpoint", cases: 1500, random =>
        {
            var mutated = Fuzz.Mutate(random, body, alphabet).ToArray();
            return (byte[])[.. mutated, .. SHA256.HashData(mutated)];
        }, bytes =>
        {
            var at = new MemoryCheckpointStore("fuzz.iat");
            at.Write(bytes);
            _ = Checkpoint.PeekLedger(at)!.Count;
            _ = Checkpoint.ReadParameters(at);
        }, typeof(CheckpointException), maxAllocatedBytes: 64L << 20);
    }

    /// <summary>Adjusts the model section's length by <paramref name="lengthDelta"/> and writes a valid SHA-256 trailer, as a crafted file would.</summary>
    private static byte[] Rehash(byte[] bytes, int lengthDelta, int sectionLengthAt)
    {
        var length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(sectionLengthAt));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(sectionLengthAt), length + (ulong)lengthDelta);
        var body = bytes[..^32];
        return [.. body, .. SHA256.HashData(body)];
    }
}
