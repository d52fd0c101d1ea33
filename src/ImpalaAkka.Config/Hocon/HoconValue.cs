namespace ImpalaAkka.Config.Hocon;

/// <summary>A node of a parsed HOCON document, remembering where it was written.</summary>
public abstract class HoconValue(HoconPosition position)
{
    public HoconPosition Position { get; } = position;

    /// <summary>
    /// For a value copied in by a substitution <c>${path}</c>: the path the user sets (the deepest one
    /// when substitutions chain), so an error names that key rather than the one that borrowed it.
    /// </summary>
    public string? Via { get; init; }

    /// <summary>A short description of the kind of value, for error messages.</summary>
    public abstract string Kind { get; }
}
