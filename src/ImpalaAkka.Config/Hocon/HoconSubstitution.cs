namespace ImpalaAkka.Config.Hocon;

/// <summary>An unresolved <c>${path}</c> or <c>${?path}</c>; replaced during resolution.</summary>
internal sealed class HoconSubstitution(IReadOnlyList<string> path, bool optional, HoconPosition position) : HoconValue(position)
{
    public IReadOnlyList<string> Path { get; } = path;

    public bool Optional { get; } = optional;

    public override string Kind => "a substitution";

    public override string ToString() => "${" + (Optional ? "?" : "") + string.Join('.', Path) + "}";
}
