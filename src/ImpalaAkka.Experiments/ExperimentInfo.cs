using System.Text.Json;

namespace ImpalaAkka.Experiments;

/// <summary>
/// <c>experiment.json</c>: the spec as <see cref="ExperimentRunner"/> records it beside the runs, read back by the report.
/// <c>Frames</c> and <c>Threshold</c> are text ("from each config" when the spec leaves them to the base configs).
/// </summary>
internal sealed record ExperimentInfo
{
    public required string Name { get; init; }

    public string? Question { get; init; }

    public required string Wiring { get; init; }

    public string? Source { get; init; }

    public IReadOnlyList<string>? Configs { get; init; }

    public required IReadOnlyList<int> Seeds { get; init; }

    public required string Frames { get; init; }

    public required string Threshold { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Grid { get; init; }

    public required IReadOnlyDictionary<string, string> Set { get; init; }

    public const string FileName = "experiment.json";

    // Every required field must be there with its type, and a null where the type has none is an error too.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        RespectNullableAnnotations = true,
        WriteIndented = true,
    };

    public void Write(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Options));

    /// <summary>Reads <paramref name="directory"/>'s experiment.json; null when there is none.</summary>
    /// <exception cref="InvalidDataException">it cannot be read, is not valid JSON or lacks a field; the message names the file and says which.</exception>
    public static ExperimentInfo? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<ExperimentInfo>(File.ReadAllText(path), Options)
                ?? throw new InvalidDataException($"{FileName} holds null, not an object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{FileName} is not a valid experiment record ({e.Message})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{FileName} could not be read ({e.Message})", e);
        }
    }
}
