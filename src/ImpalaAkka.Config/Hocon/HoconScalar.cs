namespace ImpalaAkka.Config.Hocon;

/// <summary>A string, number, boolean or null, kept as written; typed reading happens in <see cref="Config"/>.</summary>
public sealed class HoconScalar(string text, bool quoted, HoconPosition position) : HoconValue(position)
{
    public string Text { get; } = text;

    /// <summary>Whether it was written in quotes (a quoted "null" or "true" is a string).</summary>
    public bool Quoted { get; } = quoted;

    public bool IsNull => !Quoted && Text == "null";

    public override string Kind => IsNull ? "null" : "a value";

    public override string ToString() => Text;
}
