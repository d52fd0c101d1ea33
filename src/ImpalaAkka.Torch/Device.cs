namespace ImpalaAkka.Torch;

/// <summary>A device as libtorch names it: <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
public readonly record struct Device(DeviceType Type, int Index = 0)
{
    public static readonly Device Cpu = new(DeviceType.Cpu);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>; throws <see cref="FormatException"/> naming the text otherwise.</summary>
    public static Device Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        if (trimmed == "cpu")
        {
            return Cpu;
        }
        if (trimmed == "cuda")
        {
            return new Device(DeviceType.Cuda);
        }
        if (trimmed.StartsWith("cuda:", StringComparison.Ordinal) &&
            int.TryParse(trimmed.AsSpan(5), out var index) && index >= 0)
        {
            return new Device(DeviceType.Cuda, index);
        }
        throw new FormatException($"'{text}' is not a device (expected cpu, cuda or cuda:N)");
    }

    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
