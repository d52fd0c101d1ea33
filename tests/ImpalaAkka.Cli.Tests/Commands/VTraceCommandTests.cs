using System.Text.Json;

namespace ImpalaAkka.Cli.Tests.Commands;

public sealed class VTraceCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static (int Code, string Output, string Error) Invoke(params string[] args) => CliRunner.Invoke(args);

    private static string RepositoryFile(string relative) => CliRunner.RepositoryFile(relative);

    [Fact]
    public void Vtrace_ExampleFile_WritesVsAndAdvantagesToStdout()
    {
        var (code, output, error) = Invoke("vtrace", "--input", RepositoryFile("examples/vtrace-input.json"));
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(5, json.RootElement.GetProperty("vs").GetArrayLength());
        Assert.Equal(2, json.RootElement.GetProperty("pg_advantages")[0].GetArrayLength());
        // Column 1 ends its episode at t = 2, so v_2 there is just the clipped one-step target:
        // V + min(1, rho) (r - V) = -0.4 + 1 * (-1 - -0.4) = -1 (rho = exp(-0.22 + 0.51) > 1).
        Assert.Equal(-1.0, json.RootElement.GetProperty("vs")[2][1].GetDouble(), 12);
    }

    [Fact]
    public void Vtrace_OutputOption_WritesFile()
    {
        var target = Path.Combine(directory, "out.json");
        var (code, _, error) = Invoke("vtrace", "-i", RepositoryFile("examples/vtrace-input.json"), "-o", target);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(target));
        Assert.True(json.RootElement.TryGetProperty("vs", out _));
    }

    [Fact]
    public void Vtrace_InvalidFile_ExitsTwoWithMessageNamingFieldAndKeepsOutputUntouched()
    {
        var input = Path.Combine(directory, "bad.json");
        var target = Path.Combine(directory, "out.json");
        File.WriteAllText(input, """{"values": [[1, 2]], "rewards": [[1, 2]], "discounts": [[1]], "log_rhos": [[0, 0]], "bootstrap_value": [0, 0]}""");
        File.WriteAllText(target, "previous");
        var (code, _, error) = Invoke("vtrace", "-i", input, "-o", target);
        Assert.Equal(2, code);
        Assert.Contains("'discounts' row 0 has 1 entries, expected 2", error);
        Assert.Equal("previous", File.ReadAllText(target));
    }

    [Fact]
    public void Vtrace_FileOverTheSizeLimit_ExitsTwoBeforeReadingIt()
    {
        var input = Path.Combine(directory, "huge.json");
        using (var stream = File.Create(input)) stream.SetLength((16L << 20) + 1); // sparse: nothing is written
        var (code, _, error) = Invoke("vtrace", "-i", input);
        Assert.Equal(2, code);
        Assert.Contains($"impala vtrace: {input}: 16,777,217 bytes, more than the limit of 16,777,216 (16 MiB)", error);
    }

    [Fact]
    public void Vtrace_MissingFile_ExitsTwo()
    {
        var (code, _, error) = Invoke("vtrace", "-i", Path.Combine(directory, "nope.json"));
        Assert.Equal(2, code);
        Assert.Contains("cannot read", error);
    }

    [Fact]
    public void Vtrace_ResultOverflowsWithoutClipping_ExitsTwoNamingEntryAndWritesNothing()
    {
        var input = Path.Combine(directory, "huge.json");
        var target = Path.Combine(directory, "out.json");
        File.WriteAllText(input, """
            {"values": [[0]], "rewards": [[1]], "discounts": [[0.9]], "log_rhos": [[1000]], "bootstrap_value": [0],
             "clip_rho_threshold": null, "clip_pg_rho_threshold": null, "clip_c_threshold": null}
            """);
        var (code, output, error) = Invoke("vtrace", "-i", input, "-o", target);
        Assert.True(code == 2, output + error);
        Assert.Contains("the result vs[0][0] is Infinity, which JSON cannot hold", error);
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void Vtrace_DuplicateField_ExitsTwoNamingIt()
    {
        var input = Path.Combine(directory, "twice.json");
        File.WriteAllText(input, """{"values": [[1]], "rewards": [[1]], "discounts": [[1]], "log_rhos": [[0]], "bootstrap_value": [0], "values": [[2]]}""");
        var (code, output, error) = Invoke("vtrace", "-i", input);
        Assert.True(code == 2, output + error);
        Assert.Contains("field 'values' is given twice", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Vtrace_OutputUnwritable_ExitsTwoNamingOptionWithoutStackTrace()
    {
        var file = Path.Combine(directory, "a-file");
        File.WriteAllText(file, "kept");
        var (code, _, error) = Invoke("vtrace", "-i", RepositoryFile("examples/vtrace-input.json"), "-o", Path.Combine(file, "out.json"));
        Assert.Equal(2, code);
        Assert.Contains($"--output: cannot write {Path.Combine(file, "out.json")}", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("kept", File.ReadAllText(file));
    }

    [Fact]
    public void Vtrace_WithoutInput_IsAParseError()
    {
        var (code, _, error) = Invoke("vtrace");
        Assert.Equal(2, code);
        Assert.Contains("'--input' is required", error);
    }

    [Fact]
    public void Bench_BadSeconds_ExitsTwo()
    {
        var (code, _, error) = Invoke("bench", "--seconds", "0");
        Assert.Equal(2, code);
        Assert.Contains("--seconds must be in (0, 600]", error);
    }
}
