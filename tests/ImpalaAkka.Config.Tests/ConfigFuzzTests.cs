using System.Text;
using ImpalaAkka.Tests.Shared;

namespace ImpalaAkka.Config.Tests;

/// <summary>Random and mutated text into the HOCON reader: a ConfigException or a configuration, nothing else, within bounds.</summary>
public sealed class ConfigFuzzTests
{
    private static readonly string[] Corpus = [.. LoadCorpus()];

    // Tokens that steer mutations into the reader's corners: nesting, substitutions, concatenation, quoting.
    private static readonly string[] Alphabet =
    [
        "{", "}", "[", "]", "=", ":", ",", "\n", " ", ".", "\"", "\"\"\"", "${a}", "${?a}", "${a.b}", "#", "//", "\\",
        "a", "b", "x", "1", "-", "e", "include \"x\"", "a = ${a}", "[${a}, ${a}]", "${b} ${b}", "\u00e9", "\t", "+=",
    ];

    [Fact]
    public void Parse_MutatedConfigs_GiveAConfigOrAConfigException()
    {
        Fuzz.Check("config text", cases: 3000, random =>
        {
            var tokens = Corpus[random.Next(Corpus.Length)].Select(c => c.ToString()).ToList();
            return string.Concat(Fuzz.Mutate(random, tokens, Alphabet));
        }, ParseAndRender, typeof(ConfigException), maxAllocatedBytes: 256L << 20);
    }

    [Fact]
    public void Parse_RandomBytes_GiveAConfigOrAConfigException()
    {
        Fuzz.Check("config bytes", cases: 2000, random =>
        {
            var bytes = new byte[random.Next(0, 512)];
            random.NextBytes(bytes);
            return Encoding.UTF8.GetString(bytes);
        }, ParseAndRender, typeof(ConfigException), maxAllocatedBytes: 64L << 20);
    }

    private static void ParseAndRender(string text)
    {
        var config = Config.Parse(text, "fuzz.conf");
        _ = config.Render();
        _ = config.LeafPaths();
    }

    private static IEnumerable<string> LoadCorpus()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ImpalaAkka.sln"))) directory = directory.Parent;
        if (directory is not null)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(directory.FullName, "hocon"), "*.conf").Order().Take(6))
            {
                yield return File.ReadAllText(file).Replace("include", "includ"); // Parse refuses includes; keep the rest
            }
        }
        yield return "a = 1\nb = ${a}\nc = [${b}, 2]\nd { e = ${c}, f = \"x\" ${a} }\ng = \"\"\"long\ntext\"\"\"";
        yield return "x = [1, 2]\ny = ${x} ${x}\nz = ${y} ${y}\nw = { p = ${z}, q = ${z} }";
    }
}
