namespace ImpalaAkka.Cli;

/// <summary>Turns Ctrl-C into a cancellation for as long as it lives (so a command can stop cleanly instead of dying).</summary>
internal sealed class CtrlC : IDisposable
{
    private readonly CancellationTokenSource source = new();

    public CtrlC() => Console.CancelKeyPress += OnCancel;

    public CancellationToken Token => source.Token;

    private void OnCancel(object? sender, ConsoleCancelEventArgs args)
    {
        args.Cancel = true;
        source.Cancel();
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        source.Dispose();
    }
}
