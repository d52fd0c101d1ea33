using System.Text.Json.Serialization;

namespace ImpalaAkka.Cli.EnvStats;

/// <summary>What <c>impala env stats --json FILE</c> writes: the run's inputs and its two summaries.</summary>
internal sealed record EnvStatsReport(
    [property: JsonPropertyName("env")] string Env,
    [property: JsonPropertyName("n_episodes")] int NEpisodes,
    [property: JsonPropertyName("seed")] int Seed,
    [property: JsonPropertyName("policy")] string Policy,
    [property: JsonPropertyName("actions")] string Actions,
    [property: JsonPropertyName("return")] SampleSummary Return,
    [property: JsonPropertyName("length")] SampleSummary Length);
