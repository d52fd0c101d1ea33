using ImpalaAkka.Experiments.Findings;

namespace ImpalaAkka.Experiments.Page;

/// <summary>
/// Everything the report page says, once, for <see cref="MarkdownPage"/> and <see cref="HtmlPage"/>
/// to lay out alike. Text is plain except for two inline forms both pages render: `code` and
/// [text](relative-link).
/// </summary>
internal sealed record ReportContent(
    string Name,
    string Question,
    IReadOnlyList<string> Grid,
    PlotLink Headline,
    string TableNote,
    IReadOnlyList<string> TableHeader,
    IReadOnlyList<IReadOnlyList<string>> TableRows,
    string FindingsNote,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<PlotLink> Plots,
    string RunsNote);
