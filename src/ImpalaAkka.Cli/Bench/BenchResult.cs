namespace ImpalaAkka.Cli.Bench;

/// <summary>One measured figure: <c>Value</c> in <c>Unit</c> per iteration, over <c>Iterations</c> timed iterations.</summary>
internal sealed record BenchResult(string Name, double Value, string Unit, long Iterations);
