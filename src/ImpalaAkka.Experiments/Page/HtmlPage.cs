using System.Text;
using ImpalaAkka.Experiments.Findings;

namespace ImpalaAkka.Experiments.Page;

/// <summary>
/// The report as one offline page, <c>report.html</c>: no scripts, and every link and image a
/// file beside it (the plots as PNG, each linking to its SVG).
/// </summary>
internal static class HtmlPage
{
    private const string Style =
        "body{font-family:'DejaVu Sans',sans-serif;margin:24px auto;max-width:1640px;padding:0 24px;color:#222;line-height:1.45}" +
        "h1{margin-bottom:4px}h2{margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:2px}" +
        "code{background:#f3f3f3;padding:0 3px;border-radius:3px}" +
        "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right;white-space:nowrap}" +
        "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}" +
        ".headline img{max-width:100%;border:1px solid #ddd}" +
        ".plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(640px,1fr));gap:16px}" +
        ".plots figure{margin:0}.plots img{width:100%;border:1px solid #ddd}figcaption{font-size:13px}" +
        "li{margin:2px 0}";

    public static string Write(ReportContent c)
    {
        string E(string t) => Inline.Encode(t);
        var b = new StringBuilder();
        b.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Experiment ").Append(E(c.Name))
            .Append("</title><style>").Append(Style).Append("</style></head><body>\n");
        b.Append("<h1>Experiment <code>").Append(E(c.Name)).Append("</code></h1>\n");
        b.Append("<h2>Question</h2><p>").Append(Inline.ToHtml(c.Question)).Append("</p>\n");
        b.Append("<h2>Grid</h2><ul>");
        foreach (var line in c.Grid) b.Append("<li>").Append(Inline.ToHtml(line)).Append("</li>");
        b.Append("</ul>\n<h2>Headline figure</h2><figure class=\"headline\"><a href=\"").Append(E(c.Headline.Svg)).Append("\"><img src=\"")
            .Append(E(c.Headline.Png)).Append("\" alt=\"").Append(E(c.Headline.Title)).Append("\"></a><figcaption>").Append(E(c.Headline.Title))
            .Append(" (<a href=\"").Append(E(c.Headline.Svg)).Append("\">SVG</a>, <a href=\"").Append(E(c.Headline.Png)).Append("\">PNG</a>)</figcaption></figure>\n");
        b.Append("<h2>Results</h2><p>").Append(Inline.ToHtml(c.TableNote)).Append("</p><table><tr>");
        foreach (var h in c.TableHeader) b.Append("<th>").Append(Inline.ToHtml(h)).Append("</th>");
        b.Append("</tr>\n");
        foreach (var row in c.TableRows)
        {
            b.Append("<tr>");
            foreach (var cell in row) b.Append("<td>").Append(Inline.ToHtml(cell)).Append("</td>");
            b.Append("</tr>\n");
        }
        b.Append("</table>\n<h2>Findings</h2><p>").Append(Inline.ToHtml(c.FindingsNote)).Append("</p>");
        List(b, c.Findings);
        b.Append("\n<h2>Plots</h2><div class=\"plots\">\n");
        foreach (var plot in c.Plots)
        {
            b.Append("<figure><a href=\"").Append(E(plot.Svg)).Append("\"><img src=\"").Append(E(plot.Png)).Append("\" alt=\"").Append(E(plot.Title))
                .Append("\"></a><figcaption>").Append(E(plot.Title)).Append(" (<a href=\"").Append(E(plot.Svg)).Append("\">SVG</a>, <a href=\"")
                .Append(E(plot.Png)).Append("\">PNG</a>)</figcaption></figure>\n");
        }
        b.Append("</div>\n<h2>Runs</h2><p>").Append(Inline.ToHtml(c.RunsNote)).Append("</p>\n");
        return b.Append("</body></html>\n").ToString();
    }

    private static void List(StringBuilder b, IReadOnlyList<Finding> findings)
    {
        if (findings.Count == 0) return;
        b.Append("<ul>");
        foreach (var f in findings)
        {
            b.Append("<li>").Append(Inline.ToHtml(f.Text));
            List(b, f.Details);
            b.Append("</li>");
        }
        b.Append("</ul>");
    }
}
