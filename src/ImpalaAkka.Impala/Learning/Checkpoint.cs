using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ImpalaAkka.Impala.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// A learner checkpoint in one file. Layout (little-endian):
/// <code>
/// "IMPALACK"                 magic (8 bytes)
/// u32 format version (2)
/// u32 n, n bytes             metadata as JSON: counters, optimizer kind, the ledger of settled unrolls
/// u64 n, n bytes             the model's state dict, as TorchSharp's Module.save writes it
/// u64 n, n bytes             the optimizer's state tensors, in the same format
/// SHA-256 of all of the above (32 bytes)
/// </code>
/// Writes are atomic (see <see cref="ICheckpointStore"/>). Loading checks the checksum, the
/// metadata and both tensor sections against the learner before TorchSharp reads a byte, so a
/// refused checkpoint changes nothing.
/// </summary>
public static class Checkpoint
{
    public const string FileName = "checkpoint.iat";
    public const uint FormatVersion = 2;

    /// <summary>Checkpoints larger than this are refused unread (1 GiB; a 50M-parameter model with Adam state is about 600 MB).</summary>
    public const long MaxBytes = 1L << 30;

    private static readonly byte[] Magic = "IMPALACK"u8.ToArray();
    // Format 1, before TorchSharp: our own binding's state-dict file.
    private static readonly byte[] FormatOneMagic = "IATSD\r\n\x1a"u8.ToArray();
    private const int HashSize = 32;
    private const int MaxMetadataBytes = 64 << 20;
    // Settled unrolls a ledger may count: far past any run (2^50 unrolls), far from overflowing a long.
    private const long MaxSettled = 1L << 50;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public sealed record Meta(long Version, long Frames, long LearnerSteps, long Episodes, long OptimizerSteps, double WallSeconds, RunCounts? Counts = null);

    private sealed record Metadata(
        long Version, long Frames, long LearnerSteps, long Episodes, long OptimizerSteps, double WallSeconds,
        string Optimizer, IReadOnlyList<UnrollLedger.Stream> Ledger, RunCounts? Counts = null);

    /// <summary>A checkpoint's parts, checked for integrity and well-formedness but not yet against a learner.</summary>
    private sealed record Parsed(Metadata Metadata, byte[] Model, TorchStateDictLayout ModelLayout, byte[] Optim, TorchStateDictLayout OptimLayout);

    public static void Save(string path, LearnerCore core, Meta meta) =>
        Save(new FileCheckpointStore(path), core, meta, new UnrollLedger());

    public static void Save(ICheckpointStore store, LearnerCore core, Meta meta, UnrollLedger ledger)
    {
        var metadata = new Metadata(meta.Version, meta.Frames, meta.LearnerSteps, meta.Episodes, meta.OptimizerSteps, meta.WallSeconds,
            core.Optimizer.Kind, ledger.Streams(), meta.Counts);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            var json = JsonSerializer.SerializeToUtf8Bytes(metadata, Json);
            writer.Write((uint)json.Length);
            writer.Write(json);
            WriteSection(writer, w => core.Net.save(w));
            WriteSection(writer, w => nn.Module.save_state_dict(w, core.Optimizer.State().ToDictionary(s => s.Name, s => s.Value)));
        }
        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        store.Write(buffer.ToArray());
    }

    public static Meta Load(string path, LearnerCore core) => Load(new FileCheckpointStore(path), core).Meta;

    /// <exception cref="CheckpointException">There is no checkpoint, or it is corrupt, of another format, or does not fit this learner.</exception>
    public static (Meta Meta, UnrollLedger Ledger) Load(ICheckpointStore store, LearnerCore core)
    {
        var parsed = Check(store, core);
        using (var reader = new BinaryReader(new MemoryStream(parsed.Model)))
        {
            core.Net.load(reader, strict: true);
        }
        using (var reader = new BinaryReader(new MemoryStream(parsed.Optim)))
        {
            var live = core.Optimizer.State();
            _ = reader.Read7BitEncodedInt64(); // the entry count, checked by Check
            foreach (var (_, tensor) in live)
            {
                _ = reader.ReadString();
                tensor.Load(reader);
            }
        }
        var m = parsed.Metadata;
        core.Optimizer.RestoreSteps(m.OptimizerSteps);
        core.Restore(m.Version, m.Frames);
        return (ToMeta(m), UnrollLedger.From(m.Ledger));
    }


    /// <summary>The counters of a checkpoint, without loading it into a learner (null if there is none).</summary>
    public static Meta? PeekMeta(ICheckpointStore store) => Read(store) is { } parsed ? ToMeta(parsed.Metadata) : null;

    /// <summary>The ledger of a checkpoint (what its learning settled), without loading it into a learner; null if there is none.</summary>
    public static UnrollLedger? PeekLedger(ICheckpointStore store) => Read(store) is { } parsed ? UnrollLedger.From(parsed.Metadata.Ledger) : null;

    /// <summary>The model's parameters by name, as float32 values in model order, without TorchSharp (for hashing and inspection).</summary>
    public static IReadOnlyList<(string Name, float[] Values)> ReadParameters(ICheckpointStore store)
    {
        var parsed = Read(store) ?? throw new CheckpointException($"{store.Name}: no checkpoint");
        return [.. parsed.ModelLayout.Entries.Select(e => (e.Name,
            e.DType == ScalarType.Float32 ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(parsed.Model.AsSpan(e.DataOffset, e.DataLength)).ToArray()
                : throw new CheckpointException($"{store.Name}: model entry '{e.Name}' is {e.DType}, not Float32")))];
    }

    private static Parsed Check(ICheckpointStore store, LearnerCore core)
    {
        var parsed = Read(store) ?? throw new CheckpointException($"{store.Name}: no checkpoint to load");
        var metadata = parsed.Metadata;
        if (metadata.Optimizer != core.Optimizer.Kind)
        {
            throw new CheckpointException($"{store.Name}: holds {metadata.Optimizer} optimizer state, this learner uses {core.Optimizer.Kind}");
        }
        // What Module.save writes and Module.load expects: the state dict (parameters and any buffers).
        parsed.ModelLayout.Require([.. core.Net.state_dict().Select(e => (e.Key, e.Value.shape))], $"{store.Name}: model");
        parsed.OptimLayout.Require([.. core.Optimizer.State().Select(s => (s.Name, s.Value.shape))], $"{store.Name}: optimizer state");
        return parsed;
    }

    private static Parsed? Read(ICheckpointStore store)
    {
        var bytes = store.Read();
        if (bytes is null) return null;
        var name = store.Name;
        if (bytes.Length >= FormatOneMagic.Length && bytes.AsSpan(0, FormatOneMagic.Length).SequenceEqual(FormatOneMagic))
        {
            throw new CheckpointException($"{name}: a format 1 checkpoint (written before the move to TorchSharp); this build reads format {FormatVersion} only: start a new run");
        }
        if (bytes.Length < Magic.Length + 8 + HashSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new CheckpointException($"{name}: not a checkpoint (bad magic or too short)");
        }
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != FormatVersion)
        {
            throw new CheckpointException($"{name}: checkpoint format {version}, this build reads format {FormatVersion}");
        }
        var body = bytes.AsSpan(0, bytes.Length - HashSize);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
        {
            throw new CheckpointException($"{name}: checksum mismatch, the file is corrupt or truncated");
        }
        var position = Magic.Length + 4;
        var json = Section(body, ref position, 4, MaxMetadataBytes, name, "metadata");
        var model = Section(body, ref position, 8, body.Length, name, "model state");
        var optim = Section(body, ref position, 8, body.Length, name, "optimizer state");
        if (position != body.Length) throw new CheckpointException($"{name}: {body.Length - position} unexpected bytes after the optimizer state");
        return new Parsed(ReadMetadata(json, name), model, TorchStateDictLayout.Read(model, $"{name}: model"),
            optim, TorchStateDictLayout.Read(optim, $"{name}: optimizer state"));
    }

    private static byte[] Section(ReadOnlySpan<byte> body, ref int position, int lengthBytes, long max, string name, string what)
    {
        if (body.Length - position < lengthBytes) throw new CheckpointException($"{name}: truncated before the {what}");
        var length = lengthBytes == 4
            ? BinaryPrimitives.ReadUInt32LittleEndian(body[position..])
            : BinaryPrimitives.ReadUInt64LittleEndian(body[position..]);
        position += lengthBytes;
        if (length > (ulong)max || length > (ulong)(body.Length - position))
        {
            throw new CheckpointException($"{name}: the {what} claims {length} bytes, {body.Length - position} are left");
        }
        var section = body.Slice(position, (int)length).ToArray();
        position += (int)length;
        return section;
    }

    private static Metadata ReadMetadata(byte[] json, string name)
    {
        Metadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<Metadata>(json, Json);
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{name}: malformed metadata ({e.Message})", e);
        }
        if (metadata is null || metadata.Optimizer is null || metadata.Ledger is null)
        {
            throw new CheckpointException($"{name}: metadata lacks the optimizer kind or the ledger");
        }
        if (metadata.Version < 0 || metadata.Frames < 0 || metadata.LearnerSteps < 0 || metadata.Episodes < 0 || metadata.OptimizerSteps < 0
            || !(metadata.WallSeconds >= 0 && double.IsFinite(metadata.WallSeconds)))
        {
            throw new CheckpointException($"{name}: metadata has a negative or non-finite counter");
        }
        // UnrollLedger.Count sums every stream's watermark and exceptions; bounded here so that no sum overflows.
        long settled = 0;
        var keys = new HashSet<(string, int, int)>();
        for (var i = 0; i < metadata.Ledger.Count; i++)
        {
            var stream = metadata.Ledger[i];
            if (stream is null || stream.Node is null || stream.Above is null)
            {
                throw new CheckpointException($"{name}: malformed ledger entry {i}");
            }
            if (!keys.Add((stream.Node, stream.Actor, stream.Incarnation)))
            {
                throw new CheckpointException($"{name}: ledger[{i}]: stream ({stream.Node}, {stream.Actor}, {stream.Incarnation}) appears twice");
            }
            if (stream.Watermark is < 0 or > MaxSettled || MaxSettled - stream.Watermark - settled < stream.Above.Length)
            {
                throw new CheckpointException($"{name}: ledger[{i}].watermark: {stream.Watermark} (with {stream.Above.Length} above it) takes the ledger past {MaxSettled} settled unrolls");
            }
            settled += stream.Watermark + stream.Above.Length;
            for (var j = 0; j < stream.Above.Length; j++)
            {
                if (stream.Above[j] <= (j == 0 ? stream.Watermark : stream.Above[j - 1]))
                {
                    throw new CheckpointException($"{name}: ledger[{i}].above[{j}]: {stream.Above[j]} is not above the watermark {stream.Watermark} and the previous entry");
                }
            }
        }
        return metadata;
    }

    private static Meta ToMeta(Metadata m) => new(m.Version, m.Frames, m.LearnerSteps, m.Episodes, m.OptimizerSteps, m.WallSeconds, m.Counts);

    private static void WriteSection(BinaryWriter writer, Action<BinaryWriter> write)
    {
        using var section = new MemoryStream();
        using (var sectionWriter = new BinaryWriter(section, Encoding.UTF8, leaveOpen: true))
        {
            write(sectionWriter);
        }
        writer.Write((ulong)section.Length);
        writer.Write(section.GetBuffer(), 0, (int)section.Length);
    }
}
