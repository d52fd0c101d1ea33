using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>
/// What the test actors saw, one line each: virtual time (read through Akka's scheduler), the
/// actor's path (never its ref, whose UID is random) and the event. Single-threaded by construction.
/// </summary>
internal sealed class TraceLog
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines => lines;

    public void Add(IActorContext context, string what) =>
        Add(context.System.Scheduler.MonotonicClock, context.Self.Path.ToStringWithoutAddress(), what);

    public void Add(TimeSpan at, string who, string what) =>
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"{at.TotalMilliseconds,7:F1} {who} {what}"));

    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
}
