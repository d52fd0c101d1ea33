using System.Runtime.InteropServices;

namespace ImpalaAkka.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C) and SIGTERM alike into a cancellation for as long as it lives, so a command stopped
/// by a person, a script's <c>kill</c> or a supervisor stops cleanly (summary, checkpoint, leaving the cluster) instead of dying.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;

    public StopSignal() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];

    public CancellationToken Token => source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }
}
