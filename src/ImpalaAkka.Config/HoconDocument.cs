using ImpalaAkka.Config.Hocon;

namespace ImpalaAkka.Config;

/// <summary>
/// A parsed, not yet resolved configuration layer. Layers stack (reference &lt;- experiment file &lt;-
/// command line) with <see cref="WithOverrides"/>, and substitutions are resolved once, over the
/// stacked result, by <see cref="Resolve"/>, so <c>${...}</c> in the reference sees overrides.
/// </summary>
public sealed class HoconDocument
{
    private readonly HoconObject root;

    private HoconDocument(HoconObject root) => this.root = root;

    public static HoconDocument Empty { get; } = new(new HoconObject(new HoconPosition("(empty)", 0)));

    /// <summary>Parses a file; <c>include</c> paths are relative to it.</summary>
    public static HoconDocument ParseFile(string path) => new(HoconParser.ParseFile(path));

    /// <summary>Parses text named <paramref name="source"/> in error messages; <c>include</c> is not allowed.</summary>
    public static HoconDocument Parse(string text, string source) => new(HoconParser.ParseText(text, source));

    /// <summary>A one-key layer from a command-line assignment <c>key=value</c> (the value is HOCON: <c>a.b=[1, 2]</c> works).</summary>
    public static HoconDocument ParseAssignment(string assignment, string source = "command line --set")
    {
        var equals = assignment.IndexOf('=');
        if (equals <= 0)
        {
            throw new ConfigException($"{source}: '{assignment}' is not key=value");
        }
        var key = assignment[..equals].Trim();
        var value = assignment[(equals + 1)..].Trim();
        if (value.Length == 0)
        {
            throw new ConfigException($"{source}: '{assignment}' has no value (write key=\"\" for an empty string)");
        }
        return Parse($"{key} = {value}", $"{source} '{assignment}'");
    }

    /// <summary>This layer with <paramref name="overrides"/> on top: their keys win; objects merge.</summary>
    public HoconDocument WithOverrides(HoconDocument overrides)
    {
        var merged = root.Copy();
        merged.MergeFrom(overrides.root);
        return new HoconDocument(merged);
    }

    /// <summary>Throws for keys this (unresolved) layer writes that <paramref name="reference"/> does not define.</summary>
    public void RequireKnownKeys(HoconDocument reference, params string[] openSections) =>
        KnownKeys.Require(root, "", reference.root, openSections);

    /// <summary>Resolves substitutions (falling back to environment variables) and returns the readable configuration.</summary>
    public Config Resolve(Func<string, string?>? environment = null) => new(HoconResolver.Resolve(root, environment), "");
}
