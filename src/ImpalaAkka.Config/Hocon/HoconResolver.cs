namespace ImpalaAkka.Config.Hocon;

/// <summary>
/// Replaces every <c>${path}</c> with the value at that path in the (already layered) root,
/// falling back to an environment variable of the same name; joins concatenations. A missing
/// <c>${?path}</c> removes its field (or list item). Cycles are reported with their positions.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject root;
    private readonly Func<string, string?> environment;
    private readonly Dictionary<HoconValue, HoconValue?> done = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<HoconValue> inProgress = new(ReferenceEqualityComparer.Instance);

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        this.root = root;
        this.environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, Func<string, string?>? environment = null) =>
        (HoconObject)new HoconResolver(root, environment ?? Environment.GetEnvironmentVariable).Resolve(root)!;

    /// <summary>The resolved value, or null when it is an optional substitution with nothing behind it.</summary>
    private HoconValue? Resolve(HoconValue value)
    {
        if (value is HoconScalar)
        {
            return value;
        }
        if (done.TryGetValue(value, out var cached))
        {
            return cached;
        }
        if (!inProgress.Add(value))
        {
            throw new ConfigException($"{value.Position}: substitution cycle involving {value}");
        }
        var result = value switch
        {
            HoconObject o => ResolveObject(o),
            HoconArray a => new HoconArray(a.Items.Select(Resolve).OfType<HoconValue>().ToList(), a.Position),
            HoconSubstitution s => Lookup(s),
            HoconConcatenation c => Concatenate(c),
            _ => throw new InvalidOperationException($"unexpected node {value.GetType().Name}"),
        };
        inProgress.Remove(value);
        done[value] = result;
        return result;
    }

    private HoconObject ResolveObject(HoconObject source)
    {
        var result = new HoconObject(source.Position);
        foreach (var (key, value) in source.Fields)
        {
            if (Resolve(value) is { } resolved)
            {
                result.Set(key, resolved);
            }
        }
        return result;
    }

    private HoconValue? Lookup(HoconSubstitution substitution)
    {
        // Objects are walked as written; only a substitution or concatenation on the way is resolved.
        HoconValue? current = root;
        foreach (var segment in substitution.Path)
        {
            if (current is HoconSubstitution or HoconConcatenation)
            {
                current = Resolve(current);
            }
            if (current is not HoconObject obj || !obj.TryGet(segment, out var next))
            {
                current = null;
                break;
            }
            current = next;
        }
        if (current is not null)
        {
            return Resolve(current);
        }
        var name = string.Join('.', substitution.Path);
        if (environment(name) is { } text)
        {
            return new HoconScalar(text, quoted: true, new HoconPosition($"environment variable {name}", 0));
        }
        return substitution.Optional
            ? substitution.Previous is { } previous ? Resolve(previous) : null
            : throw new ConfigException($"{substitution.Position}: {substitution} is not defined (no such key, and no environment variable '{name}')");
    }

    private HoconValue? Concatenate(HoconConcatenation concatenation)
    {
        var parts = concatenation.Parts.Select(Resolve).OfType<HoconValue>().ToList();
        var solid = parts.Where(p => !(p is HoconScalar { Quoted: false } s && string.IsNullOrWhiteSpace(s.Text))).ToList();
        if (solid.Count == 0)
        {
            return parts.Count == 0 ? null : new HoconScalar(string.Concat(parts.Cast<HoconScalar>().Select(p => p.Text)).Trim(), true, concatenation.Position);
        }
        if (solid.All(p => p is HoconObject))
        {
            var merged = new HoconObject(concatenation.Position);
            foreach (var part in solid.Cast<HoconObject>())
            {
                merged.MergeFrom(part);
            }
            return merged;
        }
        if (solid.All(p => p is HoconArray))
        {
            return new HoconArray(solid.Cast<HoconArray>().SelectMany(a => a.Items).ToList(), concatenation.Position);
        }
        if (parts.All(p => p is HoconScalar))
        {
            return new HoconScalar(string.Concat(parts.Cast<HoconScalar>().Select(p => p.Text)), quoted: true, concatenation.Position);
        }
        throw new ConfigException($"{concatenation.Position}: cannot join {string.Join(" with ", solid.Select(p => p.Kind).Distinct())} in one value");
    }
}
