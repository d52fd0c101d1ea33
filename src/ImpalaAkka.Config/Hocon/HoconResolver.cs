namespace ImpalaAkka.Config.Hocon;

/// <summary>
/// Replaces every <c>${path}</c> with the value at that path in the (already layered) root,
/// falling back to an environment variable of the same name; joins concatenations. A missing
/// <c>${?path}</c> removes its field (or list item). Cycles are reported with the substitutions that make them.
/// </summary>
internal sealed class HoconResolver
{
    private readonly HoconObject root;
    private readonly Func<string, string?> environment;
    private readonly Dictionary<HoconValue, HoconValue?> done = new(ReferenceEqualityComparer.Instance);
    // A value being resolved, with how many substitutions were being followed when it began: a value met
    // again while in progress closes a cycle made of the substitutions followed since.
    private readonly Dictionary<HoconValue, int> inProgress = new(ReferenceEqualityComparer.Instance);
    private readonly List<HoconSubstitution> followed = [];
    // The resolved tree's size (values and characters) and depth as written out, which substitutions can multiply.
    private readonly Dictionary<HoconValue, (long Size, int Depth)> measured = new(ReferenceEqualityComparer.Instance);

    private HoconResolver(HoconObject root, Func<string, string?> environment)
    {
        this.root = root;
        this.environment = environment;
    }

    public static HoconObject Resolve(HoconObject root, Func<string, string?>? environment = null)
    {
        var resolver = new HoconResolver(root, environment ?? Environment.GetEnvironmentVariable);
        var result = (HoconObject)resolver.Resolve(root)!;
        var (size, depth) = resolver.Measure(result);
        if (size > ConfigLimits.MaxResolvedSize || depth > ConfigLimits.MaxDepth)
        {
            throw new ConfigException($"{root.Position}: substitutions expand the configuration past {ConfigLimits.MaxResolvedSize} values and characters or {ConfigLimits.MaxDepth} levels of nesting");
        }
        return result;
    }

    /// <summary>Size and depth of a resolved value as a tree; shared parts count each time they appear, saturating past the limits.</summary>
    private (long Size, int Depth) Measure(HoconValue value)
    {
        if (value is HoconScalar s) return (1 + s.Text.Length, 0);
        if (measured.TryGetValue(value, out var known)) return known;
        var children = value switch
        {
            HoconObject o => o.Fields.Select(f => f.Value),
            HoconArray a => a.Items,
            _ => [],
        };
        long size = 1;
        var depth = 0;
        foreach (var child in children)
        {
            var (childSize, childDepth) = Measure(child);
            size = Math.Min(size + childSize, ConfigLimits.MaxResolvedSize + 1);
            depth = Math.Max(depth, childDepth + 1);
            if (depth > ConfigLimits.MaxDepth) break;
        }
        return measured[value] = (size, depth);
    }

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
        if (inProgress.TryGetValue(value, out var depth))
        {
            throw Cycle(followed[depth..]);
        }
        inProgress[value] = followed.Count;
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
                current = Follow(substitution, current);
            }
            if (current is not HoconObject obj || !obj.TryGet(segment, out var next))
            {
                current = null;
                break;
            }
            current = next;
        }
        var name = string.Join('.', substitution.Path);
        if (current is not null)
        {
            var resolved = Follow(substitution, current);
            return resolved is HoconScalar scalar
                ? new HoconScalar(scalar.Text, scalar.Quoted, scalar.Position) { Via = scalar.Via ?? name }
                : resolved;
        }
        if (environment(name) is { } text)
        {
            return new HoconScalar(text, quoted: true, new HoconPosition($"environment variable {name}", 0));
        }
        return substitution.Optional
            ? substitution.Previous is { } previous ? Resolve(previous) : null
            : throw new ConfigException($"{substitution.Position}: {substitution} is not defined (no such key, and no environment variable '{name}')");
    }

    private HoconValue? Follow(HoconSubstitution substitution, HoconValue target)
    {
        if (followed.Count >= ConfigLimits.MaxSubstitutionChain)
        {
            throw new ConfigException($"{substitution.Position}: {substitution} leads through more than {ConfigLimits.MaxSubstitutionChain} substitutions ({followed[0]} -> ... -> {substitution})");
        }
        followed.Add(substitution);
        var result = Resolve(target);
        followed.RemoveAt(followed.Count - 1);
        return result;
    }

    private static ConfigException TooLarge(HoconConcatenation concatenation) =>
        new($"{concatenation.Position}: joining these substitutions makes a value of more than {ConfigLimits.MaxResolvedSize} items or characters");

    /// <summary>Names the substitutions of a cycle in the order followed, e.g. <c>${a} -> ${b} -> ${a}</c>.</summary>
    private static ConfigException Cycle(IReadOnlyList<HoconSubstitution> cycle)
    {
        var first = cycle[0];
        var key = string.Join('.', cycle[^1].Path);
        return cycle.Count == 1
            ? new ConfigException($"{first.Position}: {key}: substitution {first} refers to itself (this reader does not support self-referential values such as a = ${{a}} [x])")
            : new ConfigException($"{first.Position}: substitution cycle {string.Join(" -> ", cycle.Append(first))} (each is defined through the next)");
    }

    private HoconValue? Concatenate(HoconConcatenation concatenation)
    {
        var parts = concatenation.Parts.Select(Resolve).OfType<HoconValue>().ToList();
        var solid = parts.Where(p => !(p is HoconScalar { Quoted: false } s && string.IsNullOrWhiteSpace(s.Text))).ToList();
        if (solid.Count == 0)
        {
            if (parts.Sum(p => (long)((HoconScalar)p).Text.Length) > ConfigLimits.MaxResolvedSize) throw TooLarge(concatenation);
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
            if (solid.Sum(a => (long)((HoconArray)a).Items.Count) > ConfigLimits.MaxResolvedSize) throw TooLarge(concatenation);
            return new HoconArray(solid.Cast<HoconArray>().SelectMany(a => a.Items).ToList(), concatenation.Position);
        }
        if (parts.All(p => p is HoconScalar))
        {
            if (parts.Sum(p => (long)((HoconScalar)p).Text.Length) > ConfigLimits.MaxResolvedSize) throw TooLarge(concatenation);
            return new HoconScalar(string.Concat(parts.Cast<HoconScalar>().Select(p => p.Text)), quoted: true, concatenation.Position);
        }
        throw new ConfigException($"{concatenation.Position}: cannot join {string.Join(" with ", solid.Select(p => p.Kind).Distinct())} in one value");
    }
}
