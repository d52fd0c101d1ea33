using System.Globalization;
using System.Text;

namespace ImpalaAkka.Config.Hocon;

/// <summary>Splits HOCON text into tokens; comments (<c>#</c>, <c>//</c>) are dropped, line breaks and spaces kept.</summary>
internal static class HoconLexer
{
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    public static List<HoconToken> Tokenize(string text, string source)
    {
        var tokens = new List<HoconToken>();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '#' || (c == '/' && At(text, i + 1) == '/'))
            {
                while (i < text.Length && text[i] != '\n') i++;
            }
            else if (c == '\n')
            {
                tokens.Add(new(HoconTokenKind.Newline, "\n", line));
                line++;
                i++;
            }
            else if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                var start = i;
                while (i < text.Length && text[i] != '\n' && (char.IsWhiteSpace(text[i]) || text[i] == '\uFEFF')) i++;
                tokens.Add(new(HoconTokenKind.Space, text[start..i], line));
            }
            else if (c == '"')
            {
                var startLine = line;
                var value = text.AsSpan(i).StartsWith("\"\"\"") ? ReadTripleQuoted(text, ref i, ref line, source) : ReadQuoted(text, ref i, line, source);
                tokens.Add(new(HoconTokenKind.Quoted, value, startLine));
            }
            else if (c == '$' && At(text, i + 1) == '{')
            {
                var close = text.IndexOf('}', i);
                var newline = text.IndexOf('\n', i);
                if (close < 0 || (newline >= 0 && newline < close))
                {
                    throw Error(source, line, "unterminated substitution '${' (missing '}')");
                }
                var body = text[(i + 2)..close].Trim();
                var optional = body.StartsWith('?');
                if (optional) body = body[1..].Trim();
                if (body.Length == 0 || body.Split('.').Any(s => s.Length == 0))
                {
                    throw Error(source, line, $"invalid substitution path '{body}'");
                }
                tokens.Add(new(HoconTokenKind.Substitution, body, line, optional));
                i = close + 1;
            }
            else if (c is '{' or '}' or '[' or ']' or ',')
            {
                tokens.Add(new(c switch
                {
                    '{' => HoconTokenKind.LeftBrace,
                    '}' => HoconTokenKind.RightBrace,
                    '[' => HoconTokenKind.LeftBracket,
                    ']' => HoconTokenKind.RightBracket,
                    _ => HoconTokenKind.Comma,
                }, c.ToString(), line));
                i++;
            }
            else if (c is '=' or ':')
            {
                tokens.Add(new(HoconTokenKind.Separator, c.ToString(), line));
                i++;
            }
            else if (c == '+' && At(text, i + 1) == '=')
            {
                throw Error(source, line, "'+=' is not supported by this HOCON reader (see hocon/reference.conf for the supported subset)");
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && !Forbidden.Contains(text[i]) &&
                       !(text[i] == '/' && At(text, i + 1) == '/'))
                {
                    i++;
                }
                if (i == start)
                {
                    throw Error(source, line, $"unexpected character '{c}' (quote the value if it is meant as text)");
                }
                tokens.Add(new(HoconTokenKind.Unquoted, text[start..i], line));
            }
        }
        tokens.Add(new(HoconTokenKind.End, "", line));
        return tokens;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static string ReadQuoted(string text, ref int i, int line, string source)
    {
        var builder = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length || text[i] == '\n')
            {
                throw Error(source, line, "unterminated quoted string");
            }
            var c = text[i++];
            if (c == '"')
            {
                return builder.ToString();
            }
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            if (i >= text.Length)
            {
                throw Error(source, line, "unterminated escape in quoted string");
            }
            var e = text[i++];
            switch (e)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u' when i + 4 <= text.Length && int.TryParse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 4;
                    break;
                default:
                    throw Error(source, line, $"invalid escape '\\{e}' in quoted string");
            }
        }
    }

    private static string ReadTripleQuoted(string text, ref int i, ref int line, string source)
    {
        var startLine = line;
        var end = text.IndexOf("\"\"\"", i + 3, StringComparison.Ordinal);
        if (end < 0)
        {
            throw Error(source, startLine, "unterminated triple-quoted string");
        }
        // Extra quotes just before the closing triple belong to the string, as in the HOCON spec.
        while (end + 3 < text.Length && text[end + 3] == '"') end++;
        var value = text[(i + 3)..end];
        line += value.Count(ch => ch == '\n');
        i = end + 3;
        return value;
    }

    private static ConfigException Error(string source, int line, string reason) => new($"{source}:{line}: {reason}");
}
