namespace ImpalaAkka.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A file of the repository, found by walking up from the test binaries to ImpalaAkka.sln.</summary>
    public static string RepositoryFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImpalaAkka.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }
}
