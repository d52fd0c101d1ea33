namespace ImpalaAkka.Config.Hocon;

internal enum HoconTokenKind
{
    LeftBrace,
    RightBrace,
    LeftBracket,
    RightBracket,
    Comma,
    Separator,
    Newline,
    Space,
    Quoted,
    Unquoted,
    Substitution,
    End,
}

internal readonly record struct HoconToken(HoconTokenKind Kind, string Text, int Line, bool Optional = false)
{
    public string Describe() => Kind switch
    {
        HoconTokenKind.End => "end of file",
        HoconTokenKind.Newline => "end of line",
        HoconTokenKind.Quoted => $"\"{Text}\"",
        HoconTokenKind.Substitution => "${" + Text + "}",
        _ => $"'{Text}'",
    };
}
