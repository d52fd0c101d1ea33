namespace ImpalaAkka.Config.Hocon;

public sealed class HoconArray(IReadOnlyList<HoconValue> items, HoconPosition position) : HoconValue(position)
{
    public IReadOnlyList<HoconValue> Items { get; } = items;

    public override string Kind => "a list";
}
