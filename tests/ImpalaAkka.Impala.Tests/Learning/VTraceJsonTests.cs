using System.Text.Json;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Tests.Shared;

namespace ImpalaAkka.Impala.Tests.Learning;

public sealed class VTraceJsonTests
{
    private const string Valid = """
        {
          "log_rhos": [[0.1, -0.5], [2.0, 0.0], [-1.0, 0.3]],
          "discounts": [[0.9, 0.9], [0.9, 0.0], [0.9, 0.9]],
          "rewards": [[1, 0], [0, 1], [0.5, -1]],
          "values": [[0.2, 0.1], [0.3, 0.4], [0.1, 0.0]],
          "bootstrap_value": [1.0, 2.0],
          "clip_rho_threshold": null,
          "clip_c_threshold": 0.8,
          "lambda": 0.9
        }
        """;

    private static double[][] Read(JsonElement e) =>
        e.EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

    [Fact]
    public void Compute_MatchesNaiveReference_WithNullAndDefaultThresholds()
    {
        using var output = JsonDocument.Parse(VTraceJson.Compute(Valid, "valid.json"));
        var vs = Read(output.RootElement.GetProperty("vs"));
        var pg = Read(output.RootElement.GetProperty("pg_advantages"));
        var (expectedVs, expectedPg) = NaiveVTrace.Compute(
            new[,] { { 0.1, -0.5 }, { 2.0, 0.0 }, { -1.0, 0.3 } },
            new[,] { { 0.9, 0.9 }, { 0.9, 0.0 }, { 0.9, 0.9 } },
            new[,] { { 1.0, 0 }, { 0, 1 }, { 0.5, -1 } },
            new[,] { { 0.2, 0.1 }, { 0.3, 0.4 }, { 0.1, 0.0 } },
            [1.0, 2.0], rhoBar: null, pgRhoBar: 1.0, cBar: 0.8, lambda: 0.9);
        for (var t = 0; t < 3; t++)
        for (var b = 0; b < 2; b++)
        {
            Assert.Equal(expectedVs[t, b], vs[t][b], 12);
            Assert.Equal(expectedPg[t, b], pg[t][b], 12);
        }
    }

    [Fact]
    public void Compute_LogProbPair_EqualsLogRhos()
    {
        const string pair = """
            {"behaviour_log_probs": [[-1.0]], "target_log_probs": [[-0.5]], "discounts": [[0.9]],
             "rewards": [[1.0]], "values": [[0.0]], "bootstrap_value": [0.0]}
            """;
        const string rhos = """
            {"log_rhos": [[0.5]], "discounts": [[0.9]], "rewards": [[1.0]], "values": [[0.0]], "bootstrap_value": [0.0]}
            """;
        Assert.Equal(VTraceJson.Compute(rhos, "a"), VTraceJson.Compute(pair, "b"));
    }

    [Theory]
    [InlineData("{", "in.json: invalid JSON at line 1")]
    [InlineData("[1]", "in.json: the top level must be a JSON object, found Array")]
    [InlineData("""{"values": [[1]], "discounts": [[1]], "rewards": [[1]], "bootstrap_value": [1]}""", "in.json: missing 'log_rhos'")]
    [InlineData("""{"values": [[1, 2], [3]], "log_rhos": [[0, 0], [0]], "discounts": [[1, 1], [1]], "rewards": [[1, 1], [1]], "bootstrap_value": [1, 1]}""", "in.json: 'values' row 1 has 1 entries, expected 2")]
    [InlineData("""{"values": [[1, 2]], "log_rhos": [[0, 0]], "discounts": [[1, 1]], "rewards": [[1, 1]], "bootstrap_value": [1]}""", "in.json: 'bootstrap_value' has 1 entries, expected 2")]
    [InlineData("""{"values": [[1]], "log_rhos": [[0]], "discounts": [[1], [1]], "rewards": [[1]], "bootstrap_value": [1]}""", "in.json: 'discounts' has 2 rows (time steps), expected 1")]
    [InlineData("""{"values": [[1]], "log_rhos": [["x"]], "discounts": [[1]], "rewards": [[1]], "bootstrap_value": [1]}""", "in.json: log_rhos[0][0] must be a finite number, found \"x\"")]
    [InlineData("""{"values": [[1]], "log_rhos": [[0]], "discounts": [[1]], "rewards": [[1]], "bootstrap_value": [1], "clip_c_threshold": -2}""", "in.json: clip_c_threshold must be > 0")]
    [InlineData("""{"values": [[1]], "log_rhos": [[0]], "discounts": [[1]], "rewards": [[1]], "bootstrap_value": [1], "lambda": null}""", "in.json: 'lambda' must be a number, not null")]
    [InlineData("""{"values": [[1]], "log_rhos": [[0]], "discounts": [[1]], "rewards": [[1]], "bootstrap_value": [1], "gamma": 1}""", "in.json: unknown field 'gamma'")]
    [InlineData("""{"values": [], "log_rhos": [], "discounts": [], "rewards": [], "bootstrap_value": []}""", "in.json: 'values' must have at least one time step")]
    [InlineData("""{"values": [[1]], "log_rhos": [[0]], "target_log_probs": [[0]], "discounts": [[1]], "rewards": [[1]], "bootstrap_value": [1]}""", "in.json: give either 'log_rhos' or")]
    public void Compute_InvalidInput_NamesFileFieldAndReason(string json, string expectedStart)
    {
        var e = Assert.Throws<VTraceInputException>(() => VTraceJson.Compute(json, "in.json"));
        Assert.StartsWith(expectedStart, e.Message);
    }

    // Tokens that steer mutations into the reader's corners: shapes, numbers at the edges, the optional fields.
    private static readonly string[] Alphabet =
    [
        "[", "]", "{", "}", ",", ":", "\"", "-", ".", "e", "9", "0", "1e308", "-1e308", "1e-320", "null", "true", "[]", "[[]]",
        "\"log_rhos\"", "\"lambda\"", "\"clip_c_threshold\"", "\"target_log_probs\"", "\"bootstrap_value\"", " ", "\n", "//",
    ];

    [Fact]
    public void Compute_MutatedInputs_GiveOutputOrAVTraceInputException()
    {
        var tokens = Valid.Select(c => c.ToString()).ToList();
        Fuzz.Check("vtrace json", cases: 1500, random => string.Concat(Fuzz.Mutate(random, tokens, Alphabet)), json =>
        {
            using var output = JsonDocument.Parse(VTraceJson.Compute(json, "fuzz.json"));
        }, typeof(VTraceInputException), maxAllocatedBytes: 64L << 20);
    }
}
