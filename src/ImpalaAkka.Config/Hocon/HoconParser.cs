using System.Text;

namespace ImpalaAkka.Config.Hocon;

/// <summary>
/// Parses the documented HOCON subset into an unresolved tree: objects (root braces optional),
/// arrays, <c>=</c>/<c>:</c> or no separator before <c>{</c>, dotted keys, comments, quoted,
/// triple-quoted and unquoted strings, value concatenation, <c>${path}</c>/<c>${?path}</c>, and
/// <c>include "file"</c> (relative to the including file).
/// </summary>
internal sealed class HoconParser
{
    private const int MaxIncludeDepth = 16;

    private readonly List<HoconToken> tokens;
    private readonly string source;
    private readonly string? directory;
    private readonly IReadOnlyList<string> includeChain;
    private int index;
    private int depth;

    private HoconParser(string text, string source, string? directory, IReadOnlyList<string> includeChain)
    {
        if (text.Length > ConfigLimits.MaxTextBytes)
        {
            throw new ConfigException($"{source}: {text.Length} characters, more than a configuration may hold ({ConfigLimits.MaxTextBytes})");
        }
        tokens = HoconLexer.Tokenize(text, source);
        this.source = source;
        this.directory = directory;
        this.includeChain = includeChain;
    }

    public static HoconObject ParseText(string text, string source, string? directory = null) =>
        new HoconParser(text, source, directory, []).ParseDocument();

    public static HoconObject ParseFile(string path) => ParseFile(path, [], includedFrom: null);

    private static HoconObject ParseFile(string path, IReadOnlyList<string> chain, HoconPosition? includedFrom)
    {
        var full = Path.GetFullPath(path);
        var where = includedFrom is { } p ? $"{p}: " : "";
        if (chain.Contains(full))
        {
            throw new ConfigException($"{where}include cycle: {string.Join(" -> ", chain.Append(full))}");
        }
        if (chain.Count >= MaxIncludeDepth)
        {
            throw new ConfigException($"{where}includes nested deeper than {MaxIncludeDepth}");
        }
        if (Directory.Exists(full))
        {
            // File.ReadAllText says "Access denied" for a folder, which sends people looking at permissions.
            throw new ConfigException($"{where}cannot read config file {path}: it is a folder, not a file");
        }
        string text;
        try
        {
            var length = new FileInfo(full).Length;
            if (length > ConfigLimits.MaxTextBytes)
            {
                throw new ConfigException($"{where}{path}: {length} bytes, more than a config file may hold ({ConfigLimits.MaxTextBytes})");
            }
            text = File.ReadAllText(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{where}cannot read config file {path}: {e.Message}");
        }
        return new HoconParser(text, path, Path.GetDirectoryName(full), [.. chain, full]).ParseDocument();
    }

    private HoconToken Peek => tokens[index];

    private HoconToken Next() => tokens[index++];

    private HoconPosition Here => new(source, Peek.Line);

    private ConfigException Error(string reason, int? line = null) => new($"{source}:{line ?? Peek.Line}: {reason}");

    private HoconObject ParseDocument()
    {
        SkipBlank(commas: false);
        HoconObject root;
        if (Peek.Kind == HoconTokenKind.LeftBrace)
        {
            root = ParseBracedObject();
            SkipBlank(commas: false);
            if (Peek.Kind != HoconTokenKind.End)
            {
                throw Error($"unexpected {Peek.Describe()} after the closing '}}' of the document");
            }
        }
        else
        {
            root = ParseFields(HoconTokenKind.End, new HoconPosition(source, 1));
        }
        return root;
    }

    private HoconObject ParseBracedObject()
    {
        Enter(1);
        var open = Next();
        var result = ParseFields(HoconTokenKind.RightBrace, new HoconPosition(source, open.Line));
        Next();
        depth--;
        return result;
    }

    /// <summary>Counts <paramref name="levels"/> more levels of nesting; the parser and everything that walks its tree recurse once per level.</summary>
    private void Enter(int levels)
    {
        depth += levels;
        if (depth > ConfigLimits.MaxDepth)
        {
            throw Error($"objects and lists nested deeper than {ConfigLimits.MaxDepth} (dotted key segments count)");
        }
    }

    private HoconObject ParseFields(HoconTokenKind terminator, HoconPosition position)
    {
        var result = new HoconObject(position);
        while (true)
        {
            SkipBlank(commas: true);
            if (Peek.Kind == terminator)
            {
                return result;
            }
            if (Peek.Kind == HoconTokenKind.End)
            {
                throw Error($"missing '}}' to close the object opened at line {position.Line}");
            }
            if (Peek.Kind == HoconTokenKind.Unquoted && Peek.Text == "include" && TryInclude(result))
            {
                continue;
            }
            ParseField(result);
            SkipSpace();
            if (Peek.Kind is not (HoconTokenKind.Newline or HoconTokenKind.Comma or HoconTokenKind.End) && Peek.Kind != terminator)
            {
                throw Error($"unexpected {Peek.Describe()} after a value (one field per line, or separate fields with ',')");
            }
        }
    }

    private bool TryInclude(HoconObject target)
    {
        var start = index;
        var line = Next().Line;
        SkipSpace();
        if (Peek.Kind != HoconTokenKind.Quoted)
        {
            index = start; // a key named "include"
            return false;
        }
        var name = Next().Text;
        if (directory is null)
        {
            throw Error($"include \"{name}\" is not allowed in {source} (it is not a file)", line);
        }
        var included = ParseFile(Path.Combine(directory, name), includeChain, new HoconPosition(source, line));
        target.MergeFrom(included);
        return true;
    }

    private void ParseField(HoconObject target)
    {
        var line = Peek.Line;
        var path = ParseKey();
        Enter(path.Count - 1);
        SkipSpace();
        HoconValue value;
        if (Peek.Kind == HoconTokenKind.LeftBrace)
        {
            value = ParseValue(path);
        }
        else if (Peek.Kind == HoconTokenKind.Separator)
        {
            Next();
            SkipSpace();
            value = ParseValue(path);
        }
        else
        {
            throw Error($"expected '=' or ':' after key '{string.Join('.', path)}', found {Peek.Describe()}");
        }
        // a.b.c = v is a = { b = { c = v } }, merged into what is already there.
        for (var i = path.Count - 1; i >= 1; i--)
        {
            var wrapper = new HoconObject(new HoconPosition(source, line));
            wrapper.Set(path[i], value);
            value = wrapper;
        }
        target.Set(path[0], value);
        depth -= path.Count - 1;
    }

    private List<string> ParseKey()
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var line = Peek.Line;
        var any = false;
        var pendingSpace = "";
        while (Peek.Kind is HoconTokenKind.Unquoted or HoconTokenKind.Quoted or HoconTokenKind.Space)
        {
            var token = Next();
            if (token.Kind == HoconTokenKind.Space)
            {
                pendingSpace = token.Text;
                continue;
            }
            if (any) current.Append(pendingSpace);
            pendingSpace = "";
            any = true;
            if (token.Kind == HoconTokenKind.Quoted)
            {
                current.Append(token.Text);
                continue;
            }
            foreach (var c in token.Text)
            {
                if (c == '.')
                {
                    segments.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(c);
                }
            }
        }
        if (!any)
        {
            throw Error($"expected a key, found {Peek.Describe()}");
        }
        segments.Add(current.ToString());
        if (segments.Any(s => s.Length == 0))
        {
            throw Error($"invalid key '{string.Join('.', segments)}' (empty path segment)", line);
        }
        // The space before '=' was consumed as pending and must not be part of the key.
        return segments;
    }

    private HoconValue ParseValue(IReadOnlyList<string> key)
    {
        var parts = new List<HoconValue>();
        var position = Here;
        HoconScalar? pendingSpace = null;
        while (true)
        {
            HoconValue? part = Peek.Kind switch
            {
                HoconTokenKind.LeftBrace => ParseBracedObject(),
                HoconTokenKind.LeftBracket => ParseArray(),
                HoconTokenKind.Quoted => Scalar(Next(), quoted: true),
                HoconTokenKind.Unquoted => Scalar(Next(), quoted: false),
                HoconTokenKind.Substitution => Substitution(Next()),
                _ => null,
            };
            if (part is null)
            {
                if (Peek.Kind == HoconTokenKind.Space)
                {
                    var space = Next();
                    pendingSpace = parts.Count > 0 ? new HoconScalar(space.Text, quoted: false, new HoconPosition(source, space.Line)) : null;
                    continue;
                }
                break;
            }
            if (pendingSpace is not null)
            {
                parts.Add(pendingSpace);
                pendingSpace = null;
            }
            parts.Add(part);
        }
        if (parts.Count == 0)
        {
            throw Error($"missing value for key '{string.Join('.', key)}' (found {Peek.Describe()})");
        }
        return parts.Count == 1 ? parts[0] : new HoconConcatenation(parts, position);
    }

    private HoconArray ParseArray()
    {
        Enter(1);
        var open = Next();
        var items = new List<HoconValue>();
        while (true)
        {
            SkipBlank(commas: true);
            if (Peek.Kind == HoconTokenKind.RightBracket)
            {
                Next();
                depth--;
                return new HoconArray(items, new HoconPosition(source, open.Line));
            }
            if (Peek.Kind == HoconTokenKind.End)
            {
                throw Error($"missing ']' to close the list opened at line {open.Line}");
            }
            items.Add(ParseValue([$"[{items.Count}]"]));
            SkipSpace();
            if (Peek.Kind is not (HoconTokenKind.Comma or HoconTokenKind.Newline or HoconTokenKind.RightBracket or HoconTokenKind.End))
            {
                throw Error($"unexpected {Peek.Describe()} in a list (separate items with ',' or new lines)");
            }
        }
    }

    private HoconScalar Scalar(HoconToken token, bool quoted) => new(token.Text, quoted, new HoconPosition(source, token.Line));

    private HoconSubstitution Substitution(HoconToken token) =>
        new(token.Text.Split('.'), token.Optional, new HoconPosition(source, token.Line));

    private void SkipSpace()
    {
        while (Peek.Kind == HoconTokenKind.Space) index++;
    }

    private void SkipBlank(bool commas)
    {
        while (Peek.Kind is HoconTokenKind.Space or HoconTokenKind.Newline || (commas && Peek.Kind == HoconTokenKind.Comma)) index++;
    }
}
