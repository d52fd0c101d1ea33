namespace ImpalaAkka.Torch;

/// <summary>A failure reported by libtorch (or the shim), carrying libtorch's own message.</summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message)
    {
    }
}
