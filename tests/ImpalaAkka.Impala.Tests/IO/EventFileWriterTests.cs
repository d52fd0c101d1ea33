using System.Buffers.Binary;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Impala.Tests.IO;

public sealed class EventFileWriterTests : IDisposable
{
    // 1.25 s past a whole second: exact in a double, so wall times compare exactly.
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_250);

    private readonly string directory = Directory.CreateTempSubdirectory("ia-tfevents-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static readonly (long Step, double Seconds, (string, float)[] Values)[] Rows =
    [
        (0, 0.5, [("learner_steps", 0f), ("charts/episodes", 0f)]),
        (3200, 2.0, [("learner_steps", 20f), ("losses/total_loss", -1.5f), ("stats/lag_mean", 0.25f), ("stats/rho_clip_fraction", float.NaN)]),
        // Past int.MaxValue: the step is an int64, as environment frames need.
        (10_000_000_000, 3600.75, [("charts/episodic_return", 487.5f)]),
    ];

    private string WriteRows(string host = "testhost")
    {
        using var writer = EventFileWriter.Create(directory, Start, host);
        foreach (var (step, seconds, values) in Rows) writer.WriteScalars(step, Start.AddSeconds(seconds), values);
        return writer.Path;
    }

    [Fact]
    public void WriteScalars_ThreeRows_ReadBackFileVersionThenEveryStepWallTimeTagAndValue()
    {
        var path = WriteRows();

        Assert.Equal(Path.Combine(directory, "events.out.tfevents.1700000000.testhost"), path);
        var events = EventFileReader.Read(path);
        Assert.Equal(1 + Rows.Length, events.Count);
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Equal(1_700_000_000.25, events[0].WallTime);
        Assert.Equal(0, events[0].Step);
        Assert.Empty(events[0].Values);
        for (var i = 0; i < Rows.Length; i++)
        {
            var (step, seconds, values) = Rows[i];
            Assert.Equal(1_700_000_000.25 + seconds, events[i + 1].WallTime);
            Assert.Equal(step, events[i + 1].Step);
            Assert.Null(events[i + 1].FileVersion);
            Assert.Equal(values, events[i + 1].Values);
        }
    }

    [Fact]
    public void WriteScalars_NotYetDisposed_RowsAreAlreadyInTheFile()
    {
        using var writer = EventFileWriter.Create(directory, Start, "testhost");
        writer.WriteScalars(100, Start, [("learner_steps", 1f)]);

        var events = EventFileReader.Read(writer.Path);
        Assert.Equal(2, events.Count);
        Assert.Equal(100, events[1].Step);
    }

    [Fact]
    public void Create_TwiceInOneSecond_SecondFileGetsSuffixAndFirstIsUntouched()
    {
        var first = WriteRows();
        var before = File.ReadAllBytes(first);

        using var second = EventFileWriter.Create(directory, Start.AddMilliseconds(500), "testhost");

        Assert.Equal(first + ".2", second.Path);
        Assert.True(string.CompareOrdinal(Path.GetFileName(first), Path.GetFileName(second.Path)) < 0, "TensorBoard reads a folder's event files in name order");
        Assert.Equal(before, File.ReadAllBytes(first));
        Assert.Single(EventFileReader.Read(second.Path));
    }

    /// <summary>Every byte of a file, changed on its own, is caught: in a header by the length CRC, elsewhere by the data CRC.</summary>
    [Fact]
    public void Read_AnySingleByteCorrupted_FailsTheCrcOfItsRecord()
    {
        var file = File.ReadAllBytes(WriteRows());
        var records = new List<(int Start, int DataStart, int End)>();
        for (var offset = 0; offset < file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset));
            records.Add((offset, offset + 12, offset + 16 + length));
            offset += 16 + length;
        }
        Assert.Equal(1 + Rows.Length, records.Count);
        Assert.Equal(file.Length, records[^1].End);

        for (var i = 0; i < file.Length; i++)
        {
            var damaged = (byte[])file.Clone();
            damaged[i] ^= 0x10;
            var record = records.FindIndex(r => i < r.End);
            var (start, dataStart, _) = records[record];
            var expected = i < dataStart ? "length CRC" : "data CRC";
            var error = Assert.Throws<InvalidDataException>(() => EventFileReader.Parse(damaged));
            Assert.StartsWith($"record {record} at byte {start}: {expected}", error.Message);
        }
    }
}
