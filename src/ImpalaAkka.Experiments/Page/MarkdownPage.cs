using System.Text;
using ImpalaAkka.Experiments.Findings;

namespace ImpalaAkka.Experiments.Page;

/// <summary>The report as <c>report.md</c>: the same sections as the HTML page, with the headline figure embedded.</summary>
internal static class MarkdownPage
{
    public static string Write(ReportContent c)
    {
        var b = new StringBuilder();
        b.AppendLine($"# Experiment `{c.Name}`").AppendLine();
        b.AppendLine("## Question").AppendLine().AppendLine(c.Question).AppendLine();
        b.AppendLine("## Grid").AppendLine();
        foreach (var line in c.Grid) b.AppendLine($"- {line}");
        b.AppendLine().AppendLine("## Headline figure").AppendLine();
        b.AppendLine($"[![{c.Headline.Title}]({c.Headline.Png})]({c.Headline.Svg})").AppendLine();
        b.AppendLine($"{c.Headline.Title} ([SVG]({c.Headline.Svg}), [PNG]({c.Headline.Png}))").AppendLine();
        b.AppendLine("## Results").AppendLine().AppendLine(c.TableNote).AppendLine();
        b.AppendLine("| " + string.Join(" | ", c.TableHeader) + " |");
        b.AppendLine("|" + string.Concat(c.TableHeader.Select(_ => "---|")));
        foreach (var row in c.TableRows) b.AppendLine("| " + string.Join(" | ", row) + " |");
        b.AppendLine().AppendLine("## Findings").AppendLine().AppendLine(c.FindingsNote).AppendLine();
        foreach (var finding in c.Findings) List(b, finding, 0);
        b.AppendLine().AppendLine("## Plots").AppendLine();
        foreach (var plot in c.Plots) b.AppendLine($"- {plot.Title}: [SVG]({plot.Svg}), [PNG]({plot.Png})");
        b.AppendLine().AppendLine("## Runs").AppendLine().AppendLine(c.RunsNote);
        return b.ToString();
    }

    private static void List(StringBuilder b, Finding finding, int depth)
    {
        b.Append(' ', depth * 2).AppendLine($"- {finding.Text}");
        foreach (var detail in finding.Details) List(b, detail, depth + 1);
    }
}
