namespace ImpalaAkka.Impala.Common;

/// <summary>
/// The one text name of each value of an enum: what HOCON, summary.json and the console write for
/// it. Every value has exactly one name and every name one value (checked on construction);
/// names compare ordinally.
/// </summary>
internal sealed class NameTable<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> names = [];
    private readonly Dictionary<string, T> values = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">A value of <typeparamref name="T"/> has no name or two, or a name is given twice.</exception>
    public NameTable(params (T Value, string Name)[] entries)
    {
        foreach (var (value, name) in entries)
        {
            if (!names.TryAdd(value, name)) throw new ArgumentException($"{typeof(T).Name}.{value} is named twice", nameof(entries));
            if (!values.TryAdd(name, value)) throw new ArgumentException($"'{name}' names two values of {typeof(T).Name}", nameof(entries));
        }
        var unnamed = Enum.GetValues<T>().Where(v => !names.ContainsKey(v)).ToList();
        if (unnamed.Count > 0) throw new ArgumentException($"{typeof(T).Name} has no name for {string.Join(", ", unnamed)}", nameof(entries));
        Names = [.. entries.Select(e => e.Name)];
    }

    /// <summary>Every name, in the order given (the order an error lists the allowed values in).</summary>
    public IReadOnlyList<string> Names { get; }

    public string NameOf(T value) =>
        names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"not a named {typeof(T).Name}");

    /// <exception cref="ArgumentException"><paramref name="name"/> is none of <see cref="Names"/>.</exception>
    public T Parse(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"expected one of {string.Join(" | ", Names)}, got \"{name}\"", nameof(name));
}
