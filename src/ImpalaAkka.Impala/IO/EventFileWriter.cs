using System.Globalization;

namespace ImpalaAkka.Impala.IO;

/// <summary>
/// A TensorBoard event file, <c>events.out.tfevents.{unix seconds}.{host}</c>: TFRecords of
/// <c>tensorflow.Event</c> messages, first the <c>file_version</c> record, then one event per
/// <see cref="WriteScalars"/> holding a <c>Summary</c> of <c>simple_value</c>s. Always a new file: TensorBoard
/// reads every event file in a folder in name order, so a resumed run adds one instead of rewriting.
/// </summary>
internal sealed class EventFileWriter : IDisposable
{
    public const string FileVersion = "brain.Event:2";

    /// <summary>What TensorBoard looks for in a file name (it needs nothing else of it).</summary>
    public const string NamePrefix = "events.out.tfevents.";

    // Field numbers of tensorflow/core/util/event.proto and tensorflow/core/framework/summary.proto.
    private const int EventWallTime = 1, EventStep = 2, EventFileVersion = 3, EventSummary = 5;
    private const int SummaryValue = 1, ValueTag = 1, ValueSimpleValue = 2;

    private readonly FileStream stream;

    private EventFileWriter(string path, DateTimeOffset now)
    {
        Path = path;
        stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        Write(new ProtoWriter().Double(EventWallTime, UnixSeconds(now)).String(EventFileVersion, FileVersion));
    }

    public string Path { get; }

    /// <summary>
    /// Creates a new event file in <paramref name="directory"/> named for <paramref name="now"/> and
    /// <paramref name="host"/>; a suffix <c>.2</c>, <c>.3</c>, ... keeps it apart from a file started in the same second.
    /// </summary>
    public static EventFileWriter Create(string directory, DateTimeOffset now, string host)
    {
        var basePath = System.IO.Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{NamePrefix}{now.ToUnixTimeSeconds():D10}.{host}"));
        var path = basePath;
        for (var n = 2; File.Exists(path); n++) path = $"{basePath}.{n}";
        return new EventFileWriter(path, now);
    }

    /// <summary>Appends one event at <paramref name="step"/> holding every scalar, and flushes it, so a crash leaves a readable file.</summary>
    public void WriteScalars(long step, DateTimeOffset wallTime, IEnumerable<(string Tag, float Value)> scalars)
    {
        var summary = new ProtoWriter();
        foreach (var (tag, value) in scalars)
        {
            summary.Message(SummaryValue, new ProtoWriter().String(ValueTag, tag).Float(ValueSimpleValue, value));
        }
        Write(new ProtoWriter().Double(EventWallTime, UnixSeconds(wallTime)).Int64(EventStep, step).Message(EventSummary, summary));
    }

    public void Dispose() => stream.Dispose();

    private static double UnixSeconds(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).TotalSeconds;

    private void Write(ProtoWriter @event)
    {
        // One write per record: a crash between writes leaves whole records, never half a header.
        stream.Write(TfRecord.Frame(@event.ToArray()));
        stream.Flush();
    }
}
