using System.Net;
using ImpalaAkka.Impala.IO;

namespace ImpalaAkka.Impala.Training;

/// <summary>
/// A run's metrics sinks, fed one <see cref="TrainingSnapshot"/> per row: metrics.csv and a TensorBoard
/// event file of the same scalars in the same run directory (step = environment frames, wall time =
/// the given clock at the row). Each opening starts a new event file, so a resumed run adds one next
/// to the earlier ones while metrics.csv goes on appending.
/// </summary>
public sealed class RunMetrics : IDisposable
{
    private readonly TimeProvider clock;
    private readonly MetricsCsv csv;
    private readonly EventFileWriter events;
    private readonly IReadOnlyList<string> tasks;
    private TrainingSnapshot? previous;

    /// <summary>
    /// Opens metrics.csv in <paramref name="directory"/> (see <see cref="MetricsCsv(string, IReadOnlyList{string})"/>) and creates a new
    /// event file beside it; <paramref name="tasks"/> (a multi-task run's) get a return column each.
    /// </summary>
    public RunMetrics(string directory, TimeProvider clock, IReadOnlyList<string>? tasks = null)
    {
        this.clock = clock;
        this.tasks = tasks ?? [];
        csv = new MetricsCsv(Path.Combine(directory, "metrics.csv"), MetricsRow.ColumnsFor(this.tasks));
        events = EventFileWriter.Create(directory, clock.GetUtcNow(), Dns.GetHostName());
    }

    /// <summary>Refuses a metrics.csv in <paramref name="directory"/> that a run of these tasks could not append to, before anything is written.</summary>
    /// <exception cref="InvalidOperationException">It exists with other columns.</exception>
    public static void CheckExisting(string directory, IReadOnlyList<string>? tasks = null) =>
        _ = MetricsCsv.Fits(Path.Combine(directory, "metrics.csv"), MetricsRow.ColumnsFor(tasks ?? []));

    /// <summary>The event file this run is writing.</summary>
    public string EventFile => events.Path;

    /// <summary>Appends a row to both; rates are over the interval since the previous row.</summary>
    public void Append(TrainingSnapshot s)
    {
        var row = MetricsRow.From(s, previous, tasks);
        previous = s;
        csv.Append(row);
        events.WriteScalars(row.Frames, clock.GetUtcNow(), row.Scalars());
    }

    public void Dispose() => events.Dispose();
}
