namespace ImpalaAkka.Cli.Tests;

/// <summary>Bad arguments to any command exit 2 with a message a person can act on: no .NET type names, no stack traces, nothing run.</summary>
public sealed class CliAppTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-cliapp-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("--seed: 'abc' is not an integer", "train", "--seed", "abc")]
    [InlineData("--max-frames: 'many' is not an integer", "train", "--max-frames", "many")]
    [InlineData("--target-return: 'x' is not a number", "train", "--target-return", "x")]
    [InlineData("--seed: 'abc' is not an integer", "sim", "--seed", "abc")]
    [InlineData("--schedules: '1.5' is not an integer", "sim", "--schedules", "1.5")]
    [InlineData("'--bogus'", "node", "--role", "rollout", "--bogus")]
    [InlineData("--rollout-nodes: 'abc' is not an integer", "cluster", "up", "--rollout-nodes", "abc")]
    [InlineData("--days: 'abc' is not an integer", "cluster", "cert", "--out", "x.pfx", "--days", "abc")]
    [InlineData("--rollout-nodes: 'abc' is not an integer", "chaos", "--out", "x", "--rollout-nodes", "abc")]
    [InlineData("--kill-interval: 'soon' is not a number", "chaos", "--out", "x", "--kill-interval", "soon")]
    [InlineData("--parallel: 'abc' is not an integer", "experiment", "run", "x.conf", "--parallel", "abc")]
    [InlineData("'--bogus'", "experiment", "report", "x", "--bogus")]
    [InlineData("'--bogus'", "vtrace", "-i", "x.json", "--bogus")]
    [InlineData("--seconds: 'abc' is not a number", "bench", "--seconds", "abc")]
    [InlineData("--window: 'abc' is not an integer", "bench", "cluster", "--window", "abc")]
    [InlineData("--episodes: 'abc' is not an integer", "env", "stats", "--episodes", "abc")]
    [InlineData("'--bogus'", "info", "--bogus")]
    [InlineData("'--bogus'", "--bogus")]
    public void Run_BadArgument_ExitsTwoWithReadableMessage(string expected, params string[] args)
    {
        var (code, output, error) = CliRunner.Invoke(args);
        Assert.True(code == 2, $"exit {code} for {string.Join(' ', args)}: {output}{error}");
        Assert.Contains(expected, error);
        Assert.DoesNotContain("System.", error);
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
    }

    [Theory]
    [InlineData("--out", "is a file, not a folder", "chaos", "--out", "{file}")]
    [InlineData("--out", "is a file, not a folder", "cluster", "up", "--out", "{file}")]
    [InlineData("--out", "is a file, not a folder", "experiment", "run", "x.conf", "--out", "{file}")]
    [InlineData("--run-dir", "is a file, not a folder", "train", "--run-dir", "{file}")]
    [InlineData("--run-dir", "is a file, not a folder", "sim", "--run-dir", "{file}")]
    [InlineData("--run-dir", "is a file, not a folder", "node", "--role", "rollout", "--run-dir", "{file}")]
    [InlineData("<dir>", "is a file, not a folder", "experiment", "report", "{file}")]
    [InlineData("--config", "is a folder, not a file", "train", "--config", "{dir}")]
    [InlineData("--config", "is a folder, not a file", "sim", "--config", "{dir}")]
    [InlineData("--config", "is a folder, not a file", "chaos", "--out", "x", "--config", "{dir}")]
    [InlineData("<file>", "is a folder, not a file", "experiment", "run", "{dir}")]
    [InlineData("--input", "is a folder, not a file", "vtrace", "--input", "{dir}")]
    [InlineData("--output", "is a folder, not a file", "vtrace", "--input", "x.json", "--output", "{dir}")]
    [InlineData("--out", "is a folder, not a file", "cluster", "cert", "--out", "{dir}")]
    [InlineData("--json", "is a folder, not a file", "env", "stats", "--json", "{dir}")]
    public void Run_PathOfTheWrongKind_ExitsTwoNamingOptionAndLeavesItAlone(string option, string reason, params string[] args)
    {
        var file = Path.Combine(directory, "a-file");
        File.WriteAllText(file, "kept");
        var folder = Path.Combine(directory, "a-folder");
        Directory.CreateDirectory(folder);
        var (code, _, error) = CliRunner.Invoke([.. args.Select(a => a.Replace("{file}", file).Replace("{dir}", folder))]);
        Assert.True(code == 2, $"exit {code}: {error}");
        Assert.Contains($"{option}: ", error);
        Assert.Contains(reason, error);
        Assert.Equal("kept", File.ReadAllText(file));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }
}
