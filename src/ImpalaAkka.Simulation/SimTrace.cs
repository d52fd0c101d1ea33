using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ImpalaAkka.Impala.Messages;

namespace ImpalaAkka.Simulation;

/// <summary>
/// Every message delivery, loss and fault of a simulation as one line with its virtual time, and
/// the SHA-256 of all lines: the same seed and config give the same hash.
/// </summary>
public sealed class SimTrace
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<string>? lines;

    /// <param name="keepLines">Keep the lines in memory (for writing trace.log); the hash is kept either way.</param>
    public SimTrace(bool keepLines) => lines = keepLines ? [] : null;

    public long Count { get; private set; }

    public IReadOnlyList<string> Lines => lines ?? [];

    public void Add(TimeSpan at, string text)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{at.Ticks / 10,12} {text}");
        hash.AppendData(Encoding.UTF8.GetBytes(line));
        hash.AppendData("\n"u8);
        lines?.Add(line);
        Count++;
    }

    public string Sha256() => Convert.ToHexStringLower(hash.GetCurrentHash());

    /// <summary>A stable, content-identifying description of a message (never an object identity).</summary>
    public static string Describe(object message) => message switch
    {
        Unroll u => $"Unroll {u.Producer} v{u.ParameterVersion}",
        UnrollConfirmed c => $"Confirmed {c.Producer}",
        UnrollDelivery d => $"Delivery #{d.Tag} {d.Unroll.Producer}{(d.Redelivered ? " redelivered" : "")}",
        DeliveriesUsed used => $"Used [{string.Join(",", used.Tags)}]",
        AckUnrolls ack => $"Ack [{string.Join(",", ack.Tags)}]",
        ConsumedTotal t => $"ConsumedTotal {t.Count}",
        ConsumeUnrolls c => $"Consume prefetch {c.Prefetch}",
        ParameterDelivery p => $"Parameters v{p.Parameters.Version} (latest v{p.Latest})",
        SubscribeParameters => "Subscribe",
        _ => message.GetType().Name,
    };
}
