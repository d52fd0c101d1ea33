namespace ImpalaAkka.Config.Hocon;

/// <summary>Fields in the order they were first written. Later writes of a key replace it, except object onto object, which merges.</summary>
public sealed class HoconObject(HoconPosition position) : HoconValue(position)
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, HoconValue> fields = new(StringComparer.Ordinal);

    public override string Kind => "an object";

    public IEnumerable<string> Keys => order;

    public IEnumerable<KeyValuePair<string, HoconValue>> Fields => order.Select(k => new KeyValuePair<string, HoconValue>(k, fields[k]));

    public bool TryGet(string key, out HoconValue value) => fields.TryGetValue(key, out value!);

    /// <summary>Sets <paramref name="key"/>, merging when both the old and the new value are objects.</summary>
    public void Set(string key, HoconValue value)
    {
        if (fields.TryGetValue(key, out var existing) && existing is HoconObject old && value is HoconObject incoming)
        {
            var merged = old.Copy();
            merged.MergeFrom(incoming);
            fields[key] = merged;
            return;
        }
        if (value is HoconSubstitution { Optional: true, Previous: null } optional && fields.TryGetValue(key, out var previous))
        {
            value = new HoconSubstitution(optional.Path, optional: true, optional.Position) { Previous = previous };
        }
        if (!fields.ContainsKey(key))
        {
            order.Add(key);
        }
        fields[key] = value;
    }

    public void Remove(string key)
    {
        if (fields.Remove(key))
        {
            order.Remove(key);
        }
    }

    /// <summary>Overlays every field of <paramref name="other"/> onto this object (other wins; objects merge).</summary>
    public void MergeFrom(HoconObject other)
    {
        foreach (var (key, value) in other.Fields)
        {
            Set(key, value);
        }
    }

    /// <summary>A shallow copy whose nested objects are copied too, so merging into it never alters the source.</summary>
    public HoconObject Copy()
    {
        var copy = new HoconObject(Position);
        foreach (var (key, value) in Fields)
        {
            copy.order.Add(key);
            copy.fields[key] = value is HoconObject o ? o.Copy() : value;
        }
        return copy;
    }
}
