namespace ImpalaAkka.Config.Hocon;

/// <summary>A node of a parsed HOCON document, remembering where it was written.</summary>
public abstract class HoconValue(HoconPosition position)
{
    public HoconPosition Position { get; } = position;

    /// <summary>A short description of the kind of value, for error messages.</summary>
    public abstract string Kind { get; }
}
