using System.Globalization;
using System.Text;
using System.Text.Json;
using ImpalaAkka.Config.Hocon;

namespace ImpalaAkka.Config;

/// <summary>
/// A resolved configuration, read by dotted path (<c>impala.learner.batch-size</c>). Every
/// failure is a <see cref="ConfigException"/> naming where the value was written, the full key
/// and the reason, e.g. <c>hocon/catch.conf:12: impala.learner.batch-size: expected an integer, got "abc"</c>.
/// </summary>
public sealed class Config
{
    private readonly HoconObject root;
    private readonly string prefix;

    internal Config(HoconObject root, string prefix)
    {
        this.root = root;
        this.prefix = prefix;
    }

    /// <summary>Loads and resolves files in order; later files override earlier ones.</summary>
    public static Config Load(params string[] paths) =>
        paths.Aggregate(HoconDocument.Empty, (doc, path) => doc.WithOverrides(HoconDocument.ParseFile(path))).Resolve();

    /// <summary>Parses and resolves text (no includes).</summary>
    public static Config Parse(string text, string source = "(text)") => HoconDocument.Parse(text, source).Resolve();

    /// <summary>The keys directly under this configuration's root, in written order.</summary>
    public IEnumerable<string> Keys => root.Keys;

    public bool HasPath(string path) => TryFind(path, out var value) && !(value is HoconScalar { IsNull: true });

    /// <summary>Whether the key exists and was written as <c>null</c>.</summary>
    public bool IsNull(string path) => TryFind(path, out var value) && value is HoconScalar { IsNull: true };

    public string GetString(string path) => Scalar(path, "a string").Text;

    public bool GetBool(string path)
    {
        var scalar = Scalar(path, "a boolean");
        return scalar.Text switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(path, scalar, $"expected a boolean (true/false), got \"{scalar.Text}\""),
        };
    }

    public long GetLong(string path)
    {
        var scalar = Scalar(path, "an integer");
        return long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(path, scalar, $"expected an integer, got \"{scalar.Text}\"");
    }

    public int GetInt(string path)
    {
        var value = GetLong(path);
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Error(path, Find(path), $"{value} is out of range for a 32-bit integer");
    }

    public double GetDouble(string path)
    {
        var scalar = Scalar(path, "a number");
        return double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(path, scalar, $"expected a number, got \"{scalar.Text}\"");
    }

    /// <summary>A string that must be one of <paramref name="allowed"/>.</summary>
    public string GetChoice(string path, params string[] allowed)
    {
        var scalar = Scalar(path, "a string");
        return allowed.Contains(scalar.Text, StringComparer.Ordinal)
            ? scalar.Text
            : throw Error(path, scalar, $"expected one of {string.Join(" | ", allowed)}, got \"{scalar.Text}\"");
    }

    /// <summary>An error about the value at <paramref name="path"/> (which must exist), naming where it was written.</summary>
    /// <summary>The integer at <paramref name="path"/>; outside <paramref name="min"/>..<paramref name="max"/> it is an error naming the range.</summary>
    public int GetIntWithin(string path, int min, int max) =>
        GetInt(path) is var v && v >= min && v <= max ? v : throw Invalid(path, $"must be in {min}..{max}, got {v}");

    /// <summary>The long at <paramref name="path"/>; outside <paramref name="min"/>..<paramref name="max"/> it is an error naming the range (digits grouped).</summary>
    public long GetLongWithin(string path, long min, long max) =>
        GetLong(path) is var v && v >= min && v <= max ? v : throw Invalid(path, string.Create(CultureInfo.InvariantCulture, $"must be in {min:N0}..{max:N0}, got {v:N0}"));

    /// <summary>The duration at <paramref name="path"/>; outside <paramref name="min"/>..<paramref name="max"/> it is an error naming the range.</summary>
    public TimeSpan GetDurationWithin(string path, TimeSpan min, TimeSpan max) =>
        GetDuration(path) is var v && v >= min && v <= max ? v : throw Invalid(path, $"must be in {DurationText(min)}..{DurationText(max)}, got {DurationText(v)}");

    /// <summary>A duration as written in HOCON: 1.5s, 10ms, 0ms.</summary>
    public static string DurationText(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.###}s" : $"{t.TotalMilliseconds:0.###}ms";

    public ConfigException Invalid(string path, string reason) => Error(path, Find(path), reason);

    /// <summary>A number, or null when the key was written as <c>null</c> (e.g. "no clipping").</summary>
    public double? GetNullableDouble(string path) => IsNull(path) ? null : GetDouble(path);

    /// <summary>An integer, or null when the key was written as <c>null</c>.</summary>
    public long? GetNullableLong(string path) => IsNull(path) ? null : GetLong(path);

    /// <summary>The string at <paramref name="path"/>, or null where the value is <c>null</c>.</summary>
    public string? GetNullableString(string path) => IsNull(path) ? null : GetString(path);

    /// <summary>A duration: a number with an optional unit (ns, us, ms, s, m, h, d, or long forms); a bare number is milliseconds.</summary>
    public TimeSpan GetDuration(string path)
    {
        var scalar = Scalar(path, "a duration");
        return HoconUnits.TryParseDuration(scalar.Text, out var value)
            ? value
            : throw Error(path, scalar, $"expected a duration such as 500ms, 10s or 2 minutes, got \"{scalar.Text}\"");
    }

    /// <summary>A size in bytes: a number with an optional unit (B, kB, MB, GB = powers of 1000; K, Ki, KiB, M, MiB, G, GiB, T = powers of 1024).</summary>
    public long GetBytes(string path)
    {
        var scalar = Scalar(path, "a size");
        return HoconUnits.TryParseSize(scalar.Text, out var value)
            ? value
            : throw Error(path, scalar, $"expected a size such as 512KiB or 64MB, got \"{scalar.Text}\"");
    }

    /// <summary>Dotted paths (relative to this configuration) of every value that is not an object, in written order.</summary>
    public IReadOnlyList<string> LeafPaths()
    {
        var result = new List<string>();
        void Walk(HoconObject obj, string at)
        {
            foreach (var (key, value) in obj.Fields)
            {
                if (value is HoconObject child) Walk(child, at + key + ".");
                else result.Add(at + key);
            }
        }
        Walk(root, "");
        return result;
    }

    /// <summary>A scalar as HOCON text that parses back to the same value (strings quoted when they were).</summary>
    public string GetScalarText(string path)
    {
        var value = Find(path);
        return value is HoconScalar s ? ScalarText(s) : throw Error(path, value, $"expected a value, found {value.Kind}");
    }

    /// <summary>The scalar's HOCON text, or null when the value at <paramref name="path"/> is not a scalar (a list or an object).</summary>
    public string? GetScalarTextOrNull(string path) => Find(path) is HoconScalar s ? ScalarText(s) : null;

    private static string ScalarText(HoconScalar s) =>
        s.Quoted ? "\"" + s.Text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"" : s.Text;

    /// <summary>The items of a list of scalars as written (a <c>null</c> item is the text "null"), e.g. the values of an experiment grid.</summary>
    public IReadOnlyList<string> GetScalarTexts(string path) => List(path).Select((v, i) => v is HoconScalar s
        ? ScalarText(s)
        : throw Error($"{path}[{i}]", v, $"expected a value, found {v.Kind}")).ToList();

    public IReadOnlyList<string> GetStringList(string path) => List(path).Select((v, i) => ItemScalar(path, v, i).Text).ToList();

    public IReadOnlyList<double> GetDoubleList(string path) => List(path).Select((v, i) =>
    {
        var s = ItemScalar(path, v, i);
        return double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
            ? d
            : throw Error($"{path}[{i}]", s, $"expected a number, got \"{s.Text}\"");
    }).ToList();

    public IReadOnlyList<long> GetLongList(string path) => List(path).Select((v, i) =>
    {
        var s = ItemScalar(path, v, i);
        return long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? l
            : throw Error($"{path}[{i}]", s, $"expected an integer, got \"{s.Text}\"");
    }).ToList();

    /// <summary>The object at <paramref name="path"/> as a configuration whose errors still name the full key.</summary>
    public Config GetConfig(string path)
    {
        var value = Find(path);
        return value is HoconObject obj ? new Config(obj, Full(path) + ".") : throw Error(path, value, $"expected an object, found {value.Kind}");
    }

    /// <summary>A list of objects, each as a configuration whose errors name its element, e.g. <c>impala.env.tasks[1].share</c>.</summary>
    public IReadOnlyList<Config> GetConfigList(string path) => List(path).Select((v, i) => v is HoconObject obj
        ? new Config(obj, $"{Full(path)}[{i}].")
        : throw Error($"{path}[{i}]", v, $"expected an object, found {v.Kind}")).ToList();

    /// <summary>Where the value at <paramref name="path"/> was written, e.g. <c>hocon/catch.conf:12</c>.</summary>
    public string Origin(string path) => Find(path).Position.ToString();

    /// <summary>
    /// Throws for every key written here that <paramref name="reference"/> does not have: typos in
    /// an experiment file or a --set. Keys under any of <paramref name="openSections"/> (maps with
    /// user-chosen keys) are not checked.
    /// </summary>
    public void RequireKnownKeys(Config reference, params string[] openSections) =>
        KnownKeys.Require(root, prefix, reference.root, openSections);

    /// <summary>The resolved configuration as JSON (valid HOCON), for writing beside a run's results.</summary>
    public string Render()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, root);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Write(Utf8JsonWriter writer, HoconValue value)
    {
        switch (value)
        {
            case HoconObject obj:
                writer.WriteStartObject();
                foreach (var (key, field) in obj.Fields)
                {
                    writer.WritePropertyName(key);
                    Write(writer, field);
                }
                writer.WriteEndObject();
                break;
            case HoconArray array:
                writer.WriteStartArray();
                foreach (var item in array.Items) Write(writer, item);
                writer.WriteEndArray();
                break;
            case HoconScalar { IsNull: true }:
                writer.WriteNullValue();
                break;
            case HoconScalar { Quoted: false } s when s.Text is "true" or "false":
                writer.WriteBooleanValue(s.Text == "true");
                break;
            case HoconScalar { Quoted: false } s when long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                writer.WriteNumberValue(integer);
                break;
            case HoconScalar { Quoted: false } s when double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case HoconScalar s:
                writer.WriteStringValue(s.Text);
                break;
        }
    }

    private IReadOnlyList<HoconValue> List(string path)
    {
        var value = Find(path);
        return value is HoconArray array ? array.Items : throw Error(path, value, $"expected a list, found {value.Kind}");
    }

    private HoconScalar ItemScalar(string path, HoconValue item, int index) =>
        item is HoconScalar { IsNull: false } s ? s : throw Error($"{path}[{index}]", item, $"expected a value, found {item.Kind}");

    private HoconScalar Scalar(string path, string expected)
    {
        var value = Find(path);
        if (value is HoconScalar { IsNull: false } scalar)
        {
            return scalar;
        }
        throw Error(path, value, $"expected {expected}, found {value.Kind}");
    }

    private HoconValue Find(string path) =>
        TryFind(path, out var value) ? value : throw new ConfigException($"{Full(path)}: missing (not set in any configuration layer)");

    private bool TryFind(string path, out HoconValue value)
    {
        value = root;
        foreach (var segment in path.Split('.'))
        {
            if (value is not HoconObject obj || !obj.TryGet(segment, out value!))
            {
                value = null!;
                return false;
            }
        }
        return true;
    }

    private string Full(string path) => prefix + path;

    private ConfigException Error(string path, HoconValue value, string reason) => value.Via is { } via
        ? new($"{value.Position}: {via}: {reason} (read as {Full(path)} = ${{{via}}})")
        : new($"{value.Position}: {Full(path)}: {reason}");
}
