using System.Globalization;
using System.Text;
using System.Text.Json;
using ImpalaAkka.Impala.Model;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Learning;

/// <summary>
/// The file format of <c>impala vtrace</c>. Input: a JSON object with time-major arrays
/// <c>discounts</c>, <c>rewards</c>, <c>values</c> ([T][B]), <c>bootstrap_value</c> ([B]), and either
/// <c>log_rhos</c> or both <c>behaviour_log_probs</c> and <c>target_log_probs</c> ([T][B]); optional
/// <c>clip_rho_threshold</c>, <c>clip_pg_rho_threshold</c>, <c>clip_c_threshold</c> (default 1; null
/// means no clipping) and <c>lambda</c> (default 1). Output: <c>{"vs": [[...]], "pg_advantages": [[...]]}</c>.
/// Computation is in float64.
/// </summary>
public static class VTraceJson
{
    private static readonly string[] KnownFields =
    [
        "log_rhos", "behaviour_log_probs", "target_log_probs", "discounts", "rewards", "values", "bootstrap_value",
        "clip_rho_threshold", "clip_pg_rho_threshold", "clip_c_threshold", "lambda",
    ];

    /// <summary>The largest input file: 16 MiB, over a million [T][B] entries per array.</summary>
    public const long MaxInputBytes = 16L << 20;

    /// <summary>
    /// The text of an input file, refused over <see cref="MaxInputBytes"/>: by its length before it is read (the reader
    /// holds the whole text and every array in memory), and while it is read, since a pipe has no length to check.
    /// </summary>
    /// <exception cref="VTraceInputException">The file is over the limit.</exception>
    /// <exception cref="IOException">It cannot be read.</exception>
    public static string ReadFile(string path, string source)
    {
        var info = new FileInfo(path);
        if (info.Exists && info.Length > MaxInputBytes) throw TooLarge(source, $"{info.Length:N0} bytes");
        using var stream = File.OpenRead(path);
        var bytes = new MemoryStream();
        var buffer = new byte[81920];
        for (int n; (n = stream.Read(buffer)) > 0;)
        {
            bytes.Write(buffer, 0, n);
            if (bytes.Length > MaxInputBytes) throw TooLarge(source, "more bytes");
        }
        return Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static VTraceInputException TooLarge(string source, string size) =>
        new($"{source}: {size}, more than the limit of {MaxInputBytes:N0} (16 MiB)");

    /// <summary>Reads <paramref name="json"/> (named <paramref name="source"/> in errors), computes V-trace, returns the output JSON.</summary>
    /// <exception cref="VTraceInputException">The input is not valid; the message says where and why.</exception>
    public static string Compute(string json, string source)
    {
        if (json.Length > MaxInputBytes) throw TooLarge(source, $"{json.Length:N0} characters");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new VTraceInputException($"{source}: invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new VTraceInputException($"{source}: the top level must be a JSON object, found {root.ValueKind}");
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    throw new VTraceInputException($"{source}: unknown field '{property.Name}' (known: {string.Join(", ", KnownFields)})");
                }
                // JsonElement lookups take the last of two equal keys without a word; one of them is surely a mistake.
                if (!seen.Add(property.Name))
                {
                    throw new VTraceInputException($"{source}: field '{property.Name}' is given twice");
                }
            }
            var reader = new Reader(root, source);
            var values = reader.Matrix("values");
            var (T, B) = (values.GetLength(0), values.GetLength(1));
            var discounts = reader.Matrix("discounts", T, B);
            var rewards = reader.Matrix("rewards", T, B);
            var bootstrap = reader.Vector("bootstrap_value", B);
            var logRhos = ReadLogRhos(reader, root, source, T, B);
            var options = new VTraceOptions(
                reader.Threshold("clip_rho_threshold"),
                reader.Threshold("clip_pg_rho_threshold"),
                reader.Threshold("clip_c_threshold"),
                reader.Threshold("lambda", allowNull: false) ?? 1.0);
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new VTraceInputException($"{source}: {e.Message}");
            }

            using var scope = NewDisposeScope();
            var result = VTrace.FromImportanceWeights(ToTensor(logRhos, T, B), ToTensor(discounts, T, B),
                ToTensor(rewards, T, B), ToTensor(values, T, B), TensorData.From<double>(bootstrap, bootstrap.Length), options);
            var vs = TensorData.ToArray<double>(result.Vs);
            var pg = TensorData.ToArray<double>(result.PgAdvantages);
            RequireFinite(vs, "vs", T, B, source);
            RequireFinite(pg, "pg_advantages", T, B, source);
            return Write(vs, pg, T, B);
        }
    }

    private static double[,] ReadLogRhos(Reader reader, JsonElement root, string source, int T, int B)
    {
        var hasLogRhos = root.TryGetProperty("log_rhos", out _);
        var hasBehaviour = root.TryGetProperty("behaviour_log_probs", out _);
        var hasTarget = root.TryGetProperty("target_log_probs", out _);
        if (hasLogRhos && (hasBehaviour || hasTarget))
        {
            throw new VTraceInputException($"{source}: give either 'log_rhos' or 'behaviour_log_probs' + 'target_log_probs', not both");
        }
        if (hasLogRhos)
        {
            return reader.Matrix("log_rhos", T, B);
        }
        if (!hasBehaviour || !hasTarget)
        {
            throw new VTraceInputException($"{source}: missing 'log_rhos' (or both 'behaviour_log_probs' and 'target_log_probs')");
        }
        var behaviour = reader.Matrix("behaviour_log_probs", T, B);
        var target = reader.Matrix("target_log_probs", T, B);
        var logRhos = new double[T, B];
        for (var t = 0; t < T; t++)
        for (var b = 0; b < B; b++)
        {
            logRhos[t, b] = target[t, b] - behaviour[t, b];
        }
        return logRhos;
    }

    private static Tensor ToTensor(double[,] matrix, int T, int B)
    {
        var flat = new double[T * B];
        Buffer.BlockCopy(matrix, 0, flat, 0, flat.Length * sizeof(double));
        return TensorData.From<double>(flat, T, B);
    }

    /// <summary>JSON has no Infinity or NaN: a result that overflowed (e.g. large log-rhos with clipping off) is refused, not written.</summary>
    private static void RequireFinite(double[] data, string field, int T, int B, string source)
    {
        var i = Array.FindIndex(data, v => !double.IsFinite(v));
        if (i >= 0)
        {
            throw new VTraceInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: the result {field}[{i / B}][{i % B}] is {data[i]}, which JSON cannot hold (with a clipping threshold null, large log_rhos overflow; give a finite threshold)"));
        }
    }

    private static string Write(double[] vs, double[] pg, int T, int B)
    {
        var builder = new StringBuilder();
        builder.Append("{\n  \"vs\": ");
        AppendMatrix(builder, vs, T, B);
        builder.Append(",\n  \"pg_advantages\": ");
        AppendMatrix(builder, pg, T, B);
        builder.Append("\n}\n");
        return builder.ToString();
    }

    private static void AppendMatrix(StringBuilder builder, double[] data, int T, int B)
    {
        builder.Append('[');
        for (var t = 0; t < T; t++)
        {
            builder.Append(t == 0 ? "[" : ", [");
            for (var b = 0; b < B; b++)
            {
                if (b > 0) builder.Append(", ");
                builder.Append(data[t * B + b].ToString("R", CultureInfo.InvariantCulture));
            }
            builder.Append(']');
        }
        builder.Append(']');
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private readonly struct Reader(JsonElement root, string source)
    {
        public double[,] Matrix(string field, int? rows = null, int? columns = null)
        {
            var element = Required(field);
            if (element.ValueKind != JsonValueKind.Array)
            {
                throw Error(field, $"must be an array of rows [T][B], found {element.ValueKind}");
            }
            var T = element.GetArrayLength();
            if (T == 0)
            {
                throw Error(field, "must have at least one time step");
            }
            if (rows is { } expectedRows && T != expectedRows)
            {
                throw Error(field, $"has {T} rows (time steps), expected {expectedRows} like 'values'");
            }
            double[,]? result = null;
            var t = 0;
            foreach (var row in element.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array)
                {
                    throw Error(field, $"row {t} must be an array of {columns?.ToString(CultureInfo.InvariantCulture) ?? "B"} numbers, found {row.ValueKind}");
                }
                var width = row.GetArrayLength();
                var expected = columns ?? result?.GetLength(1) ?? width;
                if (width != expected || width == 0)
                {
                    throw Error(field, $"row {t} has {width} entries, expected {(width == 0 && expected == 0 ? "at least 1" : expected.ToString(CultureInfo.InvariantCulture))}");
                }
                result ??= new double[T, width];
                var b = 0;
                foreach (var item in row.EnumerateArray())
                {
                    result[t, b] = Number(item, $"{field}[{t}][{b}]");
                    b++;
                }
                t++;
            }
            return result!;
        }

        public double[] Vector(string field, int length)
        {
            var element = Required(field);
            if (element.ValueKind != JsonValueKind.Array)
            {
                throw Error(field, $"must be an array of {length} numbers, found {element.ValueKind}");
            }
            if (element.GetArrayLength() != length)
            {
                throw Error(field, $"has {element.GetArrayLength()} entries, expected {length} (the batch size B of 'values')");
            }
            var result = new double[length];
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                result[i] = Number(item, $"{field}[{i}]");
                i++;
            }
            return result;
        }

        /// <summary>Absent: 1.0 (the paper's default); null: no clipping; otherwise the number.</summary>
        public double? Threshold(string field, bool allowNull = true)
        {
            if (!root.TryGetProperty(field, out var element))
            {
                return 1.0;
            }
            if (element.ValueKind == JsonValueKind.Null)
            {
                return allowNull ? null : throw Error(field, "must be a number, not null");
            }
            return Number(element, field);
        }

        private JsonElement Required(string field) =>
            root.TryGetProperty(field, out var element) ? element : throw new VTraceInputException($"{source}: missing field '{field}'");

        private double Number(JsonElement element, string where)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                throw new VTraceInputException($"{source}: {where} must be a finite number, found {element.GetRawText()}");
            }
            return value;
        }

        private VTraceInputException Error(string field, string reason) => new($"{source}: '{field}' {reason}");
    }
}
