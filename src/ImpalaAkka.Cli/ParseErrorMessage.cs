using System.CommandLine;
using System.CommandLine.Parsing;

namespace ImpalaAkka.Cli;

/// <summary>Words a parse error for a person: a value that does not convert reads "--seed: 'abc' is not an integer", never a .NET type name.</summary>
internal static class ParseErrorMessage
{
    public static string Describe(ParseError error)
    {
        var (name, valueType) = error.SymbolResult switch
        {
            OptionResult { Option: var option } => (option.Name, option.ValueType),
            ArgumentResult { Parent: OptionResult { Option: var option } } => (option.Name, option.ValueType),
            ArgumentResult { Argument: var argument } => ($"<{argument.Name}>", argument.ValueType),
            _ => ("", null),
        };
        if (valueType is null) return error.Message;
        var type = Nullable.GetUnderlyingType(valueType) ?? valueType;
        if (type.IsArray) type = type.GetElementType()!;
        // System.CommandLine names the target type in its conversion message; that is how a failed conversion is told apart.
        if (!error.Message.Contains($"'{valueType}'", StringComparison.Ordinal) && !error.Message.Contains($"'{type}'", StringComparison.Ordinal))
        {
            return error.Message;
        }
        var tokens = error.SymbolResult!.Tokens;
        var token = tokens.Count > 0 ? tokens[^1].Value : "";
        return $"{name}: '{token}' is not {Expected(type)}";
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "an integer",
        _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(TimeSpan) => "a duration",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => "a valid value",
    };
}
