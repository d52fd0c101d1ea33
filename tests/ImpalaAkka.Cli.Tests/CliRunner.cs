namespace ImpalaAkka.Cli.Tests;

/// <summary>Runs the real command tree in-process and captures what it writes.</summary>
internal static class CliRunner
{
    public static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Build(output, error).Parse(args).Invoke();
        return (code, output.ToString(), error.ToString());
    }
}
