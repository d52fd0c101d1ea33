namespace ImpalaAkka.Config.Hocon;

/// <summary>An unresolved <c>${path}</c> or <c>${?path}</c>; replaced during resolution.</summary>
internal sealed class HoconSubstitution(IReadOnlyList<string> path, bool optional, HoconPosition position) : HoconValue(position)
{
    public IReadOnlyList<string> Path { get; } = path;

    public bool Optional { get; } = optional;

    /// <summary>For an optional substitution that replaced a value: that value, used when the substitution is undefined (HOCON's <c>a = 1, a = ${?X}</c>).</summary>
    public HoconValue? Previous { get; init; }

    public override string Kind => "a substitution";

    public override string ToString() => "${" + (Optional ? "?" : "") + string.Join('.', Path) + "}";
}
