using System.Text;

namespace ImpalaAkka.Cluster;

/// <summary>
/// A line log in a folder that more than one process opens (the learner nodes' shared folder).
/// A .NET <see cref="FileStream"/> opened with <see cref="FileMode.Append"/> keeps its own write
/// position from the moment it opened: a standby that opened the log at start and wrote after taking
/// over overwrote the lines the dead learner had appended since. Each line here goes to the end the
/// file has when it is written, whole, in one write.
/// </summary>
public sealed class AppendLog : IDisposable
{
    private readonly FileStream stream;

    public AppendLog(string path) => stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);

    public void WriteLine(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        stream.Seek(0, SeekOrigin.End);
        stream.Write(bytes);
        stream.Flush();
    }

    public void Dispose() => stream.Dispose();
}
