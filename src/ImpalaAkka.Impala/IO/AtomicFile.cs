namespace ImpalaAkka.Impala.IO;

/// <summary>Replaces a file all at once: write a temporary sibling, flush it to disk, rename over the target.</summary>
public static class AtomicFile
{
    /// <summary>Calls <paramref name="write"/> on a temporary file next to <paramref name="path"/>, then renames it into place.
    /// On any failure the previous file at <paramref name="path"/> is left untouched.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
