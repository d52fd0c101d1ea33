using System.Globalization;
using System.Text;

namespace ImpalaAkka.Impala.Training;

/// <summary>Appends <see cref="MetricsRow"/>s to metrics.csv, one line each under a header of the run's columns (<see cref="MetricsRow.ColumnsFor"/>).</summary>
internal sealed class MetricsCsv
{
    private readonly string path;

    /// <summary>Opens <paramref name="path"/>, writing the header if the file is new; an existing file must have the same header.</summary>
    public MetricsCsv(string path, IReadOnlyList<string> columns)
    {
        this.path = path;
        if (!Fits(path, columns)) File.WriteAllText(path, string.Join(",", columns) + "\n");
    }

    /// <summary>True when <paramref name="path"/> exists with the header of <paramref name="columns"/>, false when it does not exist.</summary>
    /// <exception cref="InvalidOperationException">It exists with another header.</exception>
    public static bool Fits(string path, IReadOnlyList<string> columns)
    {
        if (!File.Exists(path)) return false;
        if (File.ReadLines(path).FirstOrDefault() != string.Join(",", columns))
        {
            throw new InvalidOperationException($"{path}: existing metrics file has different columns; not appending to it");
        }
        return true;
    }

    public void Append(MetricsRow row)
    {
        var line = new StringBuilder();
        for (var i = 0; i < row.Values.Count; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(row.Values[i] switch
            {
                null => "",
                double d => d.ToString("G9", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString(),
            });
        }
        File.AppendAllText(path, line.Append('\n').ToString());
    }
}
