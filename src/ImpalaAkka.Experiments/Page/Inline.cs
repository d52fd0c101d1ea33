using System.Text.RegularExpressions;

namespace ImpalaAkka.Experiments.Page;

/// <summary>The two inline forms of report text, `code` and [text](link), rendered as HTML.</summary>
internal static partial class Inline
{
    /// <summary>Escapes the four characters HTML gives meaning to; the page is UTF-8, so "±" stays "±".</summary>
    public static string Encode(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    public static string ToHtml(string text)
    {
        var html = Encode(text);
        html = Code().Replace(html, "<code>$1</code>");
        return Link().Replace(html, "<a href=\"$2\">$1</a>");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
