namespace ImpalaAkka.Config;

/// <summary>
/// Bounds on what the HOCON reader accepts, so that no input, however crafted, makes it read,
/// allocate or recurse without limit. Each is far above any configuration in this repository
/// (the largest is a few KiB, nested five deep). Going past one is a <see cref="ConfigException"/>.
/// </summary>
public static class ConfigLimits
{
    /// <summary>A config file (or text) of at most 16 MiB; the size is checked before the file is read.</summary>
    public const long MaxTextBytes = 16L << 20;

    /// <summary>Objects and lists nest at most 32 deep, counting each segment of a dotted key.</summary>
    public const int MaxDepth = 32;

    /// <summary>A substitution may lead through at most 32 others (<c>a = ${b}</c>, <c>b = ${c}</c>, ...).</summary>
    public const int MaxSubstitutionChain = 32;

    /// <summary>The resolved configuration holds at most 16M values and characters, however substitutions repeat parts of it.</summary>
    public const long MaxResolvedSize = 16L << 20;
}
