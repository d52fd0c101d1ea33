namespace ImpalaAkka.Config.Hocon;

/// <summary>Adjacent values written on one line (<c>${base}/runs</c>, <c>foo bar</c>); joined during resolution.</summary>
internal sealed class HoconConcatenation(IReadOnlyList<HoconValue> parts, HoconPosition position) : HoconValue(position)
{
    /// <summary>The parts; whitespace between scalars is kept as unquoted scalar parts.</summary>
    public IReadOnlyList<HoconValue> Parts { get; } = parts;

    public override string Kind => "a concatenation";
}
