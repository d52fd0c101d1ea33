using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Impala.Learning;

/// <summary>Where a learner's checkpoint lives: a file, or the simulation's disk. Writes replace the previous checkpoint all at once.</summary>
public interface ICheckpointStore
{
    /// <summary>Names the store in error messages (a path, or "sim disk learner").</summary>
    string Name { get; }

    /// <summary>The last checkpoint written, or null if there is none.</summary>
    /// <exception cref="CheckpointException">It cannot be read, or is larger than <see cref="Checkpoint.MaxBytes"/>.</exception>
    byte[]? Read();

    void Write(byte[] bytes);
}

/// <summary>A checkpoint file, replaced atomically (temporary file, flush, rename).</summary>
public sealed class FileCheckpointStore(string path) : ICheckpointStore
{
    public string Name => path;

    public byte[]? Read()
    {
        if (Directory.Exists(path)) throw new CheckpointException($"{path}: is a directory, not a checkpoint file");
        if (!File.Exists(path)) return null;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > Checkpoint.MaxBytes) throw new CheckpointException($"{path}: {length} bytes, more than a checkpoint may hold ({Checkpoint.MaxBytes})");
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"{path}: cannot read the checkpoint ({e.Message})", e);
        }
    }

    public void Write(byte[] bytes) => AtomicFile.Write(path, stream => stream.Write(bytes));
}

/// <summary>A checkpoint held in memory: the simulation's disk, which survives a simulated crash of the node.</summary>
public sealed class MemoryCheckpointStore(string name) : ICheckpointStore
{
    private byte[]? bytes;

    public string Name => name;

    /// <summary>Writes so far (for tests and traces).</summary>
    public int Writes { get; private set; }

    public byte[]? Read() => bytes;

    public void Write(byte[] data)
    {
        bytes = data;
        Writes++;
    }
}
