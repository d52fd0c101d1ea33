using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ImpalaAkka.Simulation.Trace;

/// <summary>
/// Every message delivery, loss, fault and learner event of a simulation, as structured events and
/// as lines with their virtual time, and the SHA-256 of all lines: the same seed and config give the
/// same hash.
/// </summary>
public sealed class SimTrace
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<TraceEvent>? events;

    /// <param name="keep">Keep the events in memory (for tests and trace.log); the hash is kept either way.</param>
    public SimTrace(bool keep) => events = keep ? [] : null;

    public long Count { get; private set; }

    /// <summary>The kept events, in order (empty when not kept).</summary>
    public IReadOnlyList<TraceEvent> Events => events ?? [];

    /// <summary>The kept events as trace.log lines.</summary>
    public IEnumerable<string> Lines => Events.Select(Line);

    public void Add(TraceEvent e)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(Line(e)));
        hash.AppendData("\n"u8);
        events?.Add(e);
        Count++;
    }

    public string Sha256() => Convert.ToHexStringLower(hash.GetCurrentHash());

    private static string Line(TraceEvent e) => string.Create(CultureInfo.InvariantCulture, $"{e.At.Ticks / 10,12} {e.Text}");
}
