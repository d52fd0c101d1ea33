using ImpalaAkka.Torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>Where a learner's checkpoint lives: a file, or the simulation's disk. Writes replace the previous checkpoint all at once.</summary>
public interface ICheckpointStore
{
    /// <summary>Names the store in error messages (a path, or "sim disk learner").</summary>
    string Name { get; }

    /// <summary>The last checkpoint written, or null if there is none.</summary>
    byte[]? Read();

    void Write(byte[] bytes);
}

/// <summary>A checkpoint file, replaced atomically (temporary file, flush, rename).</summary>
public sealed class FileCheckpointStore(string path) : ICheckpointStore
{
    public string Name => path;

    public byte[]? Read() => File.Exists(path) ? File.ReadAllBytes(path) : null;

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
