namespace ImpalaAkka.Torch;

/// <summary>A state-dict file or mapping that cannot be used: corrupt, truncated, from another format version, or not matching the model.</summary>
public sealed class StateDictException : Exception
{
    public StateDictException(string message) : base(message)
    {
    }

    public StateDictException(string message, Exception inner) : base(message, inner)
    {
    }
}
