using System.CommandLine;

namespace ImpalaAkka.Cli.Commands;

/// <summary><c>impala env ...</c>: looking at the environments themselves, without a learner.</summary>
internal static class EnvCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("env", "Inspect the environments without a learner.");
        command.Subcommands.Add(EnvStatsCommand.Create(output, error));
        return command;
    }
}
