namespace ImpalaAkka.Config.Hocon;

/// <summary>Where a value was written: a file (or another named source such as "command line") and a 1-based line.</summary>
public readonly record struct HoconPosition(string Source, int Line)
{
    public override string ToString() => Line > 0 ? $"{Source}:{Line}" : Source;
}
