namespace ImpalaAkka.Experiments.Tests;

/// <summary>Hand-made grid points for the findings and plot tests.</summary>
internal static class Groups
{
    public static GroupSummary Make(
        string config, (double Mean, double Ci) final, (double Mean, double Ci)? auc = null, string? env = null,
        IReadOnlyList<(double Frames, double Mean, double Low, double High)>? curve = null, int runs = 5, params (string Axis, string Value)[] values) =>
        new(
            string.Join("__", [$"config={config}", .. values.Select(v => $"{v.Axis}={v.Value}")]), config, env ?? config,
            values.ToDictionary(v => v.Axis, v => v.Value), runs, [.. Enumerable.Range(1, runs).Select(s => (s, $"run{s}"))],
            final, auc ?? final, (double.NaN, double.NaN), 0, double.NaN, 0, double.NaN, double.NaN, curve ?? []);
}
