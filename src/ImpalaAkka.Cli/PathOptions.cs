using System.CommandLine;
using System.CommandLine.Parsing;

namespace ImpalaAkka.Cli;

/// <summary>
/// Every file and folder option of the command tree refuses the other kind at parse time (exit 2):
/// a folder given where a file is read or written, a file given where a folder is.
/// </summary>
internal static class PathOptions
{
    public static void Validate(Command command)
    {
        foreach (var option in command.Options)
        {
            if (Kind(option.ValueType) is { } kind) option.Validators.Add(result => Check(result, option.Name, kind));
        }
        foreach (var argument in command.Arguments)
        {
            if (Kind(argument.ValueType) is { } kind) argument.Validators.Add(result => Check(result, $"<{argument.Name}>", kind));
        }
        foreach (var subcommand in command.Subcommands) Validate(subcommand);
    }

    private static Type? Kind(Type type)
    {
        type = type.IsArray ? type.GetElementType()! : type;
        return type == typeof(FileInfo) || type == typeof(DirectoryInfo) ? type : null;
    }

    private static void Check(SymbolResult result, string name, Type kind)
    {
        foreach (var token in result.Tokens)
        {
            var path = Path.GetFullPath(token.Value);
            if (kind == typeof(FileInfo) && Directory.Exists(path)) result.AddError($"{name}: {path} is a folder, not a file");
            if (kind == typeof(DirectoryInfo) && File.Exists(path)) result.AddError($"{name}: {path} is a file, not a folder");
        }
    }
}
