using System.Text.Json.Serialization;

namespace ImpalaAkka.Cli.EnvStats;

/// <summary>
/// A sample of n values: mean, sample standard deviation (divisor n - 1; 0 when n = 1), standard error of
/// the mean SEM = std / sqrt(n), the normal 95% interval mean ± 1.96 SEM, and the extremes.
/// </summary>
internal sealed record SampleSummary(
    [property: JsonPropertyName("n")] long N,
    [property: JsonPropertyName("mean")] double Mean,
    [property: JsonPropertyName("std")] double Std,
    [property: JsonPropertyName("sem")] double Sem,
    [property: JsonPropertyName("ci95_low")] double Ci95Low,
    [property: JsonPropertyName("ci95_high")] double Ci95High,
    [property: JsonPropertyName("min")] double Min,
    [property: JsonPropertyName("max")] double Max)
{
    /// <summary>The normal quantile of the two-sided 95% interval.</summary>
    public const double Z95 = 1.96;
}
