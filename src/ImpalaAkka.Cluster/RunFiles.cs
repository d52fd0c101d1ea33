namespace ImpalaAkka.Cluster;

/// <summary>
/// What checks on running nodes share (chaos runs, the process tests): reading the files nodes
/// are still appending to, bounded waiting on them.
/// </summary>
public static class RunFiles
{
    /// <summary>The non-empty lines of a file a node may still be writing (learned.log, confirmed.log, ...), or none if it does not exist.</summary>
    public static string[] Lines(string path)
    {
        if (!File.Exists(path)) return [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The whole text of a file a node may still be writing (its log).</summary>
    public static string Text(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    /// <summary>The last <paramref name="count"/> lines of a file a node may still be writing, under a header naming it (for a failure's message).</summary>
    public static string Tail(string path, int count = 25) =>
        $"--- {path} (last {count} lines)\n{string.Join("\n", Lines(path).TakeLast(count))}";

    /// <summary>
    /// Polls <paramref name="condition"/> every <paramref name="pause"/> until it holds; throws
    /// <see cref="TimeoutException"/> naming <paramref name="what"/> after <paramref name="limit"/>.
    /// Real processes on the wall clock have no signal to wait on but their files.
    /// </summary>
    public static void WaitFor(Func<bool> condition, TimeSpan limit, string what, TimeSpan pause)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {limit.TotalSeconds:0} s for {what}");
            Thread.Sleep(pause);
        }
    }
}
