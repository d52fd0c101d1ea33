namespace ImpalaAkka.Torch;

/// <summary>Sets libtorch's thread-local grad mode for its lifetime and restores the previous mode on Dispose.</summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool previous;
    private bool restored;

    internal GradModeScope(bool enabled) =>
        previous = Check.Status(NativeMethods.ia_set_grad_enabled(enabled ? 1 : 0)) != 0;

    public void Dispose()
    {
        if (!restored)
        {
            restored = true;
            Check.Status(NativeMethods.ia_set_grad_enabled(previous ? 1 : 0));
        }
    }
}
