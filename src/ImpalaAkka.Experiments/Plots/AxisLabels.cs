namespace ImpalaAkka.Experiments.Plots;

/// <summary>Axis titles with units for the grid keys the shipped experiments vary, and short names for plot files.</summary>
internal static class AxisLabels
{
    public const string Frames = "environment frames (steps summed over all environments)";
    public const string Return = "return (reward per episode, mean of last 100)";
    public const string FinalReturn = "final return (reward per episode, mean of last 100)";
    public const string Auc = "AUC (mean return over training, reward per episode)";

    private static readonly Dictionary<string, (string Label, string Name, string Short)> Known = new(StringComparer.Ordinal)
    {
        ["lag.k"] = ("injected policy lag k (parameter versions)", "lag k", "lag"),
        ["learner.correction"] = ("off-policy correction", "correction", "correction"),
        ["vtrace.rho-bar"] = ("rho-bar (V-trace clipping of the value-target weights)", "rho-bar", "rho-bar"),
        ["vtrace.c-bar"] = ("c-bar (V-trace clipping of the traces)", "c-bar", "c-bar"),
        ["replay.share"] = ("replay share of each batch (fraction)", "replay share", "replay-share"),
    };

    /// <summary>An axis title: what the key sets, with its unit.</summary>
    public static string Label(string axis) => Known.TryGetValue(axis, out var k) ? k.Label : axis;

    /// <summary>For a file name: <c>final-return-vs-lag</c>.</summary>
    public static string Short(string axis) => Known.TryGetValue(axis, out var k) ? k.Short : Slug(axis);

    /// <summary>A legend entry: a number says which axis it is a value of ("c-bar = 0.5"), a word names itself ("vtrace").</summary>
    public static string Legend(string axis, string value) =>
        double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _) || value == "null"
            ? $"{(Known.TryGetValue(axis, out var k) ? k.Name : axis)} = {value}"
            : value;

    /// <summary>A file-name-safe form: letters, digits, '.' and '-' kept, anything else '_'.</summary>
    public static string Slug(string text) => new([.. text.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_')]);
}
