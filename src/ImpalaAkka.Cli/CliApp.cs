using System.CommandLine;
using ImpalaAkka.Cli.Commands;

namespace ImpalaAkka.Cli;

/// <summary>The <c>impala</c> command tree. Exit codes: 0 success, 1 failure while running, 2 invalid input or arguments.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int InvalidInput = 2;

    /// <summary>Parses and runs <paramref name="args"/>. Arguments that do not parse (an unknown option, "abc" for a number) exit <see cref="InvalidInput"/> with each error named.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = Build(output, error).Parse(args);
        if (parse.Errors.Count == 0) return parse.Invoke();
        foreach (var e in parse.Errors) error.WriteLine($"impala: {ParseErrorMessage.Describe(e)}");
        error.WriteLine("impala: see impala --help, or impala <command> --help");
        return InvalidInput;
    }

    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ImpalaAkka: IMPALA with V-trace, a research testbed for off-policy correction and distributed failure.");
        root.Subcommands.Add(TrainCommand.Create(output, error));
        root.Subcommands.Add(NodeCommand.Create(output, error));
        root.Subcommands.Add(ClusterCommand.Create(output, error));
        root.Subcommands.Add(ChaosCommand.Create(output, error));
        root.Subcommands.Add(SimCommand.Create(output, error));
        root.Subcommands.Add(ExperimentCommand.Create(output, error));
        root.Subcommands.Add(VTraceCommand.Create(output, error));
        root.Subcommands.Add(BenchCommand.Create(output, error));
        root.Subcommands.Add(EnvCommand.Create(output, error));
        root.Subcommands.Add(InfoCommand.Create(output));
        PathOptions.Validate(root);
        return root;
    }
}
