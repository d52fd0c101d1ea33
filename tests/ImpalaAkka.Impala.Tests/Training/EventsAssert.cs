using System.Globalization;
using ImpalaAkka.Impala.Tests.IO;

namespace ImpalaAkka.Impala.Tests.Training;

/// <summary>Checks a run's TensorBoard event file against its metrics.csv, reading both as a user's tools would.</summary>
internal static class EventsAssert
{
    /// <summary>
    /// The event file is the file_version record followed by one event per metrics.csv row from
    /// <paramref name="firstRow"/> (0 = the first row under the header), <paramref name="rowCount"/> of
    /// them or to the end: step = the
    /// <c>frames</c> cell, and a value for every non-empty cell but <c>frames</c>, tagged with its
    /// column name, in column order. Returns the row events (for their wall times).
    /// </summary>
    public static List<TensorBoardEvent> MatchesCsv(string eventFile, string csvFile, int firstRow = 0, int? rowCount = null)
    {
        var events = EventFileReader.Read(eventFile);
        var lines = File.ReadAllLines(csvFile);
        var columns = lines[0].Split(',');
        var rows = lines.Skip(1 + firstRow).Take(rowCount ?? int.MaxValue).ToArray();
        Assert.True(events.Count == rows.Length + 1, $"{eventFile}: expected the file_version record and {rows.Length} row events, got {events.Count} events");
        Assert.Equal("brain.Event:2", events[0].FileVersion);
        Assert.Empty(events[0].Values);
        for (var i = 0; i < rows.Length; i++)
        {
            var cells = rows[i].Split(',');
            var e = events[i + 1];
            Assert.Null(e.FileVersion);
            Assert.Equal(long.Parse(cells[0], CultureInfo.InvariantCulture), e.Step);
            var expected = Enumerable.Range(1, columns.Length - 1).Where(c => cells[c].Length > 0).Select(c => columns[c]).ToList();
            Assert.Equal(expected, e.Values.Select(v => v.Tag).ToList());
            foreach (var (tag, value) in e.Values)
            {
                var cell = double.Parse(cells[Array.IndexOf(columns, tag)], CultureInfo.InvariantCulture);
                var nearest = (float)cell;
                // The CSV keeps 9 significant digits of the double and the event its nearest float; when that
                // rounding crossed a float midpoint the two land on neighbouring floats, and on nothing further.
                Assert.True(value.Equals(nearest) || value == MathF.BitIncrement(nearest) || value == MathF.BitDecrement(nearest),
                    $"row {firstRow + i} {tag}: csv {cells[Array.IndexOf(columns, tag)]} (float {nearest:R}), event {value:R}");
            }
        }
        return events.Skip(1).ToList();
    }
}
