namespace ImpalaAkka.Experiments.Findings;

/// <summary>One statement of a report's findings, with the statements it breaks down into; text may quote `code`.</summary>
internal sealed record Finding(string Text, IReadOnlyList<Finding> Details)
{
    public Finding(string text) : this(text, []) { }
}
