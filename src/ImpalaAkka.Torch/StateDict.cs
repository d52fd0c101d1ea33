using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ImpalaAkka.Torch;

/// <summary>
/// Named tensors saved to and loaded from one file. File layout (little-endian):
/// <code>
/// "IATSD\r\n\x1a"  magic (8 bytes)
/// u32 format version (1), u32 entry count
/// per entry: u16 name length, UTF-8 name, i32 dtype, i32 rank, i64[rank] shape, i64 byte length, data
/// SHA-256 of everything above (32 bytes)
/// </code>
/// Files are written to a temporary sibling and renamed into place, so a crash never leaves a
/// half-written file under the final name. Loading verifies the checksum before reading any entry.
/// </summary>
public sealed class StateDict : IDisposable
{
    public const uint FormatVersion = 1;
    private static readonly byte[] Magic = "IATSD\r\n\x1a"u8.ToArray();
    private const int HashSize = 32;

    private readonly List<KeyValuePair<string, Tensor>> entries = [];
    private readonly bool ownsTensors;

    public StateDict()
    {
    }

    private StateDict(bool ownsTensors) => this.ownsTensors = ownsTensors;

    public StateDict(IEnumerable<KeyValuePair<string, Tensor>> tensors)
    {
        foreach (var (name, tensor) in tensors)
        {
            Add(name, tensor);
        }
    }

    public IEnumerable<string> Names => entries.Select(e => e.Key);

    public int Count => entries.Count;

    public bool Contains(string name) => entries.Any(e => e.Key == name);

    public Tensor this[string name] =>
        entries.FirstOrDefault(e => e.Key == name).Value ?? throw new KeyNotFoundException($"no tensor named '{name}'");

    public IEnumerable<KeyValuePair<string, Tensor>> Entries => entries;

    /// <summary>Adds a tensor under a new name; the state dict does not take ownership of tensors passed to Add.</summary>
    public void Add(string name, Tensor tensor)
    {
        if (Encoding.UTF8.GetByteCount(name) is 0 or > ushort.MaxValue)
        {
            throw new ArgumentException($"invalid tensor name '{name}'", nameof(name));
        }
        if (Contains(name))
        {
            throw new ArgumentException($"duplicate tensor name '{name}'", nameof(name));
        }
        entries.Add(new(name, tensor));
    }

    /// <summary>Writes every entry to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public void Save(string path)
    {
        var bytes = ToBytes();
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The file's bytes (header, entries, SHA-256 trailer), for storage other than a file.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write((uint)entries.Count);
            foreach (var (name, tensor) in entries)
            {
                var nameBytes = Encoding.UTF8.GetBytes(name);
                writer.Write((ushort)nameBytes.Length);
                writer.Write(nameBytes);
                writer.Write((int)tensor.DType);
                writer.Write(tensor.Dim);
                foreach (var size in tensor.Shape)
                {
                    writer.Write(size);
                }
                var data = ReadBytes(tensor);
                writer.Write((long)data.Length);
                writer.Write(data);
            }
        }
        buffer.Write(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return buffer.ToArray();
    }

    /// <summary>Reads a file written by <see cref="Save"/>; the returned state dict owns its tensors.</summary>
    /// <exception cref="StateDictException">The file is missing, truncated, corrupt or of another format version; the message names the file and the reason.</exception>
    public static StateDict Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StateDictException($"{path}: cannot read state dict ({e.Message})", e);
        }
        return FromBytes(bytes, path);
    }

    /// <summary>Reads bytes produced by <see cref="ToBytes"/>; <paramref name="path"/> names the source in errors.</summary>
    public static StateDict FromBytes(byte[] bytes, string path)
    {
        if (bytes.Length < Magic.Length + 8 + HashSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new StateDictException($"{path}: not a state-dict file (bad magic or too short)");
        }
        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != FormatVersion)
        {
            throw new StateDictException($"{path}: state-dict format version {version}, this build reads version {FormatVersion}");
        }
        var body = bytes.AsSpan(0, bytes.Length - HashSize);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashSize)))
        {
            throw new StateDictException($"{path}: checksum mismatch, the file is corrupt or truncated");
        }
        var result = new StateDict(ownsTensors: true);
        try
        {
            var reader = new SpanReader(body, path);
            reader.Skip(Magic.Length + 4);
            var count = reader.UInt32("entry count");
            for (var i = 0; i < count; i++)
            {
                result.ReadEntry(ref reader, i);
            }
            if (!reader.AtEnd)
            {
                throw new StateDictException($"{path}: {reader.Remaining} unexpected bytes after the last entry");
            }
        }
        catch
        {
            result.Dispose();
            throw;
        }
        return result;
    }

    private void ReadEntry(ref SpanReader reader, int index)
    {
        var name = reader.Utf8(reader.UInt16($"entry {index} name length"), $"entry {index} name");
        var dtype = (ScalarType)reader.Int32($"'{name}' dtype");
        if (!Enum.IsDefined(dtype))
        {
            throw reader.Error($"'{name}' has unknown dtype code {(int)dtype}");
        }
        var rank = reader.Int32($"'{name}' rank");
        if (rank is < 0 or > 16)
        {
            throw reader.Error($"'{name}' has invalid rank {rank}");
        }
        var shape = new long[rank];
        long elements = 1;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = reader.Int64($"'{name}' shape");
            if (shape[d] < 0)
            {
                throw reader.Error($"'{name}' has negative dimension {shape[d]}");
            }
            elements = checked(elements * shape[d]);
        }
        var length = reader.Int64($"'{name}' byte length");
        if (length != checked(elements * ElementSize(dtype)))
        {
            throw reader.Error($"'{name}' declares {length} bytes for {elements} {dtype} elements");
        }
        var data = reader.Bytes(length, $"'{name}' data");
        var tensor = DisposeScope.Detach(CreateTensor(data, shape, dtype));
        entries.Add(new(name, tensor));
        if (entries.Count(e => e.Key == name) > 1)
        {
            throw reader.Error($"duplicate tensor name '{name}'");
        }
    }

    /// <summary>Disposes the tensors this state dict owns (those it loaded); tensors passed to <see cref="Add"/> stay with the caller.</summary>
    public void Dispose()
    {
        if (ownsTensors)
        {
            foreach (var entry in entries)
            {
                entry.Value.Dispose();
            }
        }
        entries.Clear();
    }

    private static int ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.UInt8 or ScalarType.Bool => 1,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new StateDictException($"unsupported dtype {dtype}"),
    };

    private static byte[] ReadBytes(Tensor tensor)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("state-dict files are little-endian");
        }
        var bytes = new byte[checked(tensor.NumElements * ElementSize(tensor.DType))];
        tensor.CopyRawTo(bytes);
        return bytes;
    }

    private static Tensor CreateTensor(ReadOnlySpan<byte> data, long[] shape, ScalarType dtype) =>
        Tensor.FromRaw(data, shape, dtype);
}
