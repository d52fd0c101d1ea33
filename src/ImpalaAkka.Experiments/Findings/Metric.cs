namespace ImpalaAkka.Experiments.Findings;

/// <summary>A per-grid-point quantity the findings compare, e.g. the final return or the AUC.</summary>
internal sealed record Metric(string Name, Func<GroupSummary, Estimate> Of)
{
    public static readonly Metric FinalReturn = new("final return", g => g.FinalReturn);

    public static readonly Metric Auc = new("AUC", g => g.Auc);
}
