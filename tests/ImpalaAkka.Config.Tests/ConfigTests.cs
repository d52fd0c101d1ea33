namespace ImpalaAkka.Config.Tests;

public sealed class ConfigTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-config-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Parse_ObjectsArraysCommentsAndSeparators()
    {
        var config = Config.Parse("""
            # a comment
            impala {
              seed = 7            // trailing comment
              env: "cartpole"
              learner { batch-size = 32, lr = 6e-4 }
              lags = [0, 2,
                      8]
              enabled = true
              name = unquoted text here
            }
            """);
        Assert.Equal(7, config.GetInt("impala.seed"));
        Assert.Equal("cartpole", config.GetString("impala.env"));
        Assert.Equal(32, config.GetLong("impala.learner.batch-size"));
        Assert.Equal(6e-4, config.GetDouble("impala.learner.lr"));
        Assert.Equal([0L, 2, 8], config.GetLongList("impala.lags"));
        Assert.True(config.GetBool("impala.enabled"));
        Assert.Equal("unquoted text here", config.GetString("impala.name"));
        Assert.Equal(["impala"], config.Keys);
    }

    [Fact]
    public void GetConfigList_ObjectsInAList_ErrorsNameTheElement()
    {
        var config = Config.Parse("""
            tasks = [{ name = a, share = 2 }, { name = b }]
            bad = [{ name = a }, 3]
            """, "t.conf");
        var tasks = config.GetConfigList("tasks");
        Assert.Equal(["a", "b"], tasks.Select(t => t.GetString("name")));
        Assert.Equal(2, tasks[0].GetDouble("share"));
        Assert.Equal(["name"], tasks[1].Keys);
        var missing = Assert.Throws<ConfigException>(() => tasks[1].GetDouble("share"));
        Assert.Equal("tasks[1].share: missing (not set in any configuration layer)", missing.Message);
        var notObject = Assert.Throws<ConfigException>(() => config.GetConfigList("bad"));
        Assert.Equal("t.conf:2: bad[1]: expected an object, found a value", notObject.Message);
    }

    [Fact]
    public void DottedKeys_MergeIntoObjects_AndLaterValuesWin()
    {
        var config = Config.Parse("""
            a.b.c = 1
            a.b.d = 2
            a { b.c = 3, e = x }
            """);
        Assert.Equal(3, config.GetInt("a.b.c"));
        Assert.Equal(2, config.GetInt("a.b.d"));
        Assert.Equal("x", config.GetString("a.e"));
    }

    [Fact]
    public void RootBraces_QuotedKeysAndEscapes()
    {
        var config = Config.Parse("""{ "a.b" = 1, text = "tab\there \u0041", c = "\"q\"", "true" = "null" }""");
        Assert.Equal(["a.b", "text", "c", "true"], config.Keys);
        Assert.False(config.HasPath("a"), "a quoted key with a dot is one segment, not a path");
        Assert.Equal("tab\there A", config.GetString("text"));
        Assert.Equal("\"q\"", config.GetString("c"));
        Assert.Equal("null", config.GetString("true"));
        Assert.False(config.IsNull("true"), "a quoted null is a string");
    }

    [Fact]
    public void TripleQuotedString_KeepsNewlines()
    {
        var config = Config.Parse("text = \"\"\"line one\nline \"two\"\"\"\"\nafter = 1");
        Assert.Equal("line one\nline \"two\"", config.GetString("text"));
        Assert.Equal(1, config.GetInt("after"));
    }

    [Fact]
    public void Substitutions_ResolveAcrossTheDocument_AndConcatenate()
    {
        var config = Config.Parse("""
            base = "runs"
            learner { lr = 0.001 }
            optimizer.lr = ${learner.lr}
            dir = ${base}/cartpole
            copy = ${learner}
            """);
        Assert.Equal(0.001, config.GetDouble("optimizer.lr"));
        Assert.Equal("runs/cartpole", config.GetString("dir"));
        Assert.Equal(0.001, config.GetDouble("copy.lr"));
    }

    [Fact]
    public void OptionalSubstitution_WhenMissing_RemovesTheField()
    {
        var config = Config.Parse("a = ${?nowhere.at.all}\nb = [1, ${?nowhere.at.all}, 2]", "t.conf");
        Assert.False(config.HasPath("a"));
        Assert.Equal([1L, 2], config.GetLongList("b"));
    }

    [Fact]
    public void OptionalSubstitution_OverAnEarlierValue_KeepsItWhenUndefined_AcrossLayersToo()
    {
        var doc = HoconDocument.Parse("user = guest\nuser = ${?IA_TEST_USER}", "t.conf");
        Assert.Equal("guest", doc.Resolve(_ => null).GetString("user"));
        Assert.Equal("alice", doc.Resolve(n => n == "IA_TEST_USER" ? "alice" : null).GetString("user"));
        var layered = HoconDocument.Parse("a = 1", "base").WithOverrides(HoconDocument.Parse("a = ${?IA_NOT_SET}", "top"));
        Assert.Equal(1, layered.Resolve(_ => null).GetInt("a"));
    }

    [Fact]
    public void Substitution_FallsBackToEnvironment()
    {
        var config = HoconDocument.Parse("password = ${IA_TEST_SECRET}", "t.conf")
            .Resolve(name => name == "IA_TEST_SECRET" ? "s3cret" : null);
        Assert.Equal("s3cret", config.GetString("password"));
    }

    [Fact]
    public void Substitution_Undefined_NamesPositionAndPath()
    {
        var e = Assert.Throws<ConfigException>(() => HoconDocument.Parse("a = 1\nb = ${c.d}", "t.conf").Resolve(_ => null));
        Assert.Equal("t.conf:2: ${c.d} is not defined (no such key, and no environment variable 'c.d')", e.Message);
    }

    [Theory]
    [InlineData("a = ${b}\nb = ${a}", "t.conf:1: substitution cycle ${b} -> ${a} -> ${b} (each is defined through the next)")]
    [InlineData("a = ${b}\nb = ${c}\nc = x ${a}", "t.conf:1: substitution cycle ${b} -> ${c} -> ${a} -> ${b} (each is defined through the next)")]
    [InlineData("impala.x = ${impala.x}", "t.conf:1: impala.x: substitution ${impala.x} refers to itself (this reader does not support self-referential values such as a = ${a} [x])")]
    [InlineData("impala.x = ${impala.x} y", "t.conf:1: impala.x: substitution ${impala.x} refers to itself (this reader does not support self-referential values such as a = ${a} [x])")]
    [InlineData("a = ${a} [x]", "t.conf:1: a: substitution ${a} refers to itself (this reader does not support self-referential values such as a = ${a} [x])")]
    [InlineData("a { b = ${a} }", "t.conf:1: a: substitution ${a} refers to itself (this reader does not support self-referential values such as a = ${a} [x])")]
    public void Substitution_Cycle_NamesTheSubstitutionsNotInternalTypes(string text, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => HoconDocument.Parse(text, "t.conf").Resolve(_ => null));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Substitution_ChainLongerThanTheLimit_IsAnError()
    {
        var text = string.Join("\n", Enumerable.Range(0, 40).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk40 = 1";
        var e = Assert.Throws<ConfigException>(() => Config.Parse(text, "t.conf"));
        Assert.Equal("t.conf:33: ${k33} leads through more than 32 substitutions (${k1} -> ... -> ${k33})", e.Message);
    }

    [Theory]
    [InlineData(33, "[", "]")]
    [InlineData(33, "{ a = ", "}")]
    public void Parse_NestedDeeperThanTheLimit_IsAnError(int levels, string open, string close)
    {
        var text = "k = " + string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels));
        var e = Assert.Throws<ConfigException>(() => Config.Parse(text, "t.conf"));
        Assert.Equal("t.conf:1: objects and lists nested deeper than 32 (dotted key segments count)", e.Message);
    }

    [Fact]
    public void Parse_DottedKeyDeeperThanTheLimit_IsAnError()
    {
        var e = Assert.Throws<ConfigException>(() => Config.Parse(string.Join('.', Enumerable.Repeat("a", 40)) + " = 1", "t.conf"));
        Assert.Equal("t.conf:1: objects and lists nested deeper than 32 (dotted key segments count)", e.Message);
    }

    [Fact]
    public void Substitutions_ThatDoubleAValue_StopAtTheSizeLimit()
    {
        var lines = new List<string> { "a0 = xxxxxxxxxxxxxxxx" };
        for (var i = 1; i <= 30; i++) lines.Add($"a{i} = ${{a{i - 1}}}${{a{i - 1}}}");
        var e = Assert.Throws<ConfigException>(() => Config.Parse(string.Join("\n", lines), "t.conf"));
        Assert.Equal("t.conf:22: joining these substitutions makes a value of more than 16777216 items or characters", e.Message);
    }

    [Fact]
    public void Substitutions_ThatShareAnObject_CountEveryCopyTowardsTheLimit()
    {
        var lines = new List<string> { "a0 = [1, 2, 3, 4]" };
        for (var i = 1; i <= 30; i++) lines.Add($"a{i} = {{ x = ${{a{i - 1}}}, y = ${{a{i - 1}}} }}");
        var e = Assert.Throws<ConfigException>(() => Config.Parse(string.Join("\n", lines), "t.conf"));
        Assert.Equal("t.conf:1: substitutions expand the configuration past 16777216 values and characters or 32 levels of nesting", e.Message);
    }

    [Fact]
    public void Load_FileLargerThanTheLimit_IsRefusedUnread()
    {
        var path = Path.Combine(directory, "big.conf");
        using (var file = File.Create(path)) file.SetLength(ConfigLimits.MaxTextBytes + 1);
        var e = Assert.Throws<ConfigException>(() => Config.Load(path));
        Assert.Equal($"{path}: {ConfigLimits.MaxTextBytes + 1} bytes, more than a config file may hold ({ConfigLimits.MaxTextBytes})", e.Message);
    }

    [Fact]
    public void Layers_OverrideReference_AndSubstitutionsSeeTheOverride()
    {
        var reference = HoconDocument.Parse("impala { lr = 0.1, decay-lr = ${impala.lr}, batch = 8 }", "reference.conf");
        var experiment = HoconDocument.Parse("impala.lr = 0.5", "exp.conf");
        var config = reference.WithOverrides(experiment).WithOverrides(HoconDocument.ParseAssignment("impala.batch=16")).Resolve();
        Assert.Equal(0.5, config.GetDouble("impala.decay-lr"));
        Assert.Equal(16, config.GetInt("impala.batch"));
        Assert.Equal("command line --set 'impala.batch=16':1", config.Origin("impala.batch"));
        Assert.Equal("exp.conf:1", config.Origin("impala.lr"));
    }

    [Theory]
    [InlineData("a.b", "command line --set: 'a.b' is not key=value")]
    [InlineData("a.b=", "command line --set: 'a.b=' has no value")]
    public void ParseAssignment_Malformed_Throws(string text, string message)
    {
        Assert.StartsWith(message, Assert.Throws<ConfigException>(() => HoconDocument.ParseAssignment(text)).Message);
    }

    [Fact]
    public void Include_IsRelativeToTheIncludingFile()
    {
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        WriteFile("sub/base.conf", "impala { seed = 1, env = catch }");
        var main = WriteFile("main.conf", "include \"sub/base.conf\"\nimpala.seed = 2");
        var config = Config.Load(main);
        Assert.Equal(2, config.GetInt("impala.seed"));
        Assert.Equal("catch", config.GetString("impala.env"));
    }

    [Fact]
    public void Include_Cycle_AndMissingFile_AreErrors()
    {
        var a = WriteFile("a.conf", "include \"b.conf\"");
        WriteFile("b.conf", "include \"a.conf\"");
        Assert.Contains("include cycle", Assert.Throws<ConfigException>(() => Config.Load(a)).Message);
        var c = WriteFile("c.conf", "x = 1\ninclude \"missing.conf\"");
        var e = Assert.Throws<ConfigException>(() => Config.Load(c));
        Assert.StartsWith($"{c}:2: cannot read config file", e.Message);
    }

    [Fact]
    public void Load_Folder_SaysItIsAFolderNotAccessDenied()
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, "conf.d")).FullName;
        Assert.Equal($"cannot read config file {folder}: it is a folder, not a file", Assert.Throws<ConfigException>(() => Config.Load(folder)).Message);
        var including = WriteFile("i.conf", "include \"conf.d\"");
        Assert.Equal($"{including}:1: cannot read config file {folder}: it is a folder, not a file", Assert.Throws<ConfigException>(() => Config.Load(including)).Message);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("250", 250)]
    [InlineData("100us", 0.1)]
    public void GetDuration_ParsesUnits(string text, double milliseconds)
    {
        Assert.Equal(milliseconds, Config.Parse($"d = {text}").GetDuration("d").TotalMilliseconds, 9);
    }

    [Theory]
    [InlineData("512", 512)]
    [InlineData("64KiB", 65_536)]
    [InlineData("10kB", 10_000)]
    [InlineData("2M", 2_097_152)]
    [InlineData("1GB", 1_000_000_000)]
    public void GetBytes_ParsesUnits(string text, long bytes)
    {
        Assert.Equal(bytes, Config.Parse($"s = {text}").GetBytes("s"));
    }

    [Theory]
    [InlineData("x = abc", "GetLong", "t.conf:1: x: expected an integer, got \"abc\"")]
    [InlineData("x = 1.5", "GetInt", "t.conf:1: x: expected an integer, got \"1.5\"")]
    [InlineData("x = 99999999999", "GetInt", "t.conf:1: x: 99999999999 is out of range for a 32-bit integer")]
    [InlineData("x = maybe", "GetBool", "t.conf:1: x: expected a boolean (true/false), got \"maybe\"")]
    [InlineData("x = 10 parsecs", "GetDuration", "t.conf:1: x: expected a duration such as 500ms, 10s or 2 minutes, got \"10 parsecs\"")]
    [InlineData("x { y = 1 }", "GetDouble", "t.conf:1: x: expected a number, found an object")]
    [InlineData("x = null", "GetString", "t.conf:1: x: expected a string, found null")]
    [InlineData("y = 1", "GetString", "x: missing (not set in any configuration layer)")]
    public void TypedGetters_BadValues_NameFileLineKeyAndReason(string text, string getter, string message)
    {
        var config = Config.Parse(text, "t.conf");
        var method = typeof(Config).GetMethod(getter)!;
        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => method.Invoke(config, ["x"]));
        Assert.Equal(message, Assert.IsType<ConfigException>(e.InnerException).Message);
    }

    [Fact]
    public void GetConfig_ErrorsStillNameTheFullKey()
    {
        var section = Config.Parse("impala { learner { lr = fast } }", "t.conf").GetConfig("impala.learner");
        Assert.Equal("t.conf:1: impala.learner.lr: expected a number, got \"fast\"", Assert.Throws<ConfigException>(() => section.GetDouble("lr")).Message);
    }

    [Fact]
    public void NullValues_AreNullableNumbers()
    {
        var config = Config.Parse("rho = null\nc = 2");
        Assert.Null(config.GetNullableDouble("rho"));
        Assert.Equal(2, config.GetNullableDouble("c"));
        Assert.True(config.IsNull("rho"));
        Assert.False(config.HasPath("rho"));
    }

    [Theory]
    [InlineData("a = \"open", "t.conf:1: unterminated quoted string")]
    [InlineData("a {\n b = 1\n", "t.conf:3: missing '}' to close the object opened at line 1")]
    [InlineData("a = [1, 2", "t.conf:1: missing ']' to close the list opened at line 1")]
    [InlineData("a b c", "t.conf:1: expected '=' or ':' after key 'a b c', found end of file")]
    [InlineData("a = ", "t.conf:1: missing value for key 'a' (found end of file)")]
    [InlineData("a += 1", "t.conf:1: '+=' is not supported")]
    [InlineData("a..b = 1", "t.conf:1: invalid key 'a..b' (empty path segment)")]
    [InlineData("a = 1 }", "t.conf:1: unexpected '}' after a value")]
    [InlineData("x = 1\ny = ^", "t.conf:2: unexpected character '^'")]
    public void SyntaxErrors_NameFileAndLine(string text, string message)
    {
        Assert.StartsWith(message, Assert.Throws<ConfigException>(() => Config.Parse(text, "t.conf")).Message);
    }

    [Fact]
    public void RequireKnownKeys_ReportsTyposWithSuggestion()
    {
        var reference = Config.Parse("impala { learner { batch-size = 32, lr = 1 }, seeds = {} }", "reference.conf");
        var experiment = Config.Parse("impala {\n learner.batch-szie = 8\n seeds.mine = 1\n}", "exp.conf");
        var e = Assert.Throws<ConfigException>(() => experiment.RequireKnownKeys(reference, "impala.seeds"));
        Assert.Equal("exp.conf:2: impala.learner.batch-szie: unknown key (did you mean 'impala.learner.batch-size'?)", e.Message);
        Config.Parse("impala.learner.lr = 2").RequireKnownKeys(reference);
    }

    [Theory]
    [InlineData("impala.learner = 5", "exp.conf:1: impala.learner: must be a section (an object with keys batch-size, lr, ...), not a value; set one of its keys instead, e.g. impala.learner.batch-size")]
    [InlineData("impala.learner = [1]", "exp.conf:1: impala.learner: must be a section (an object with keys batch-size, lr, ...), not a list")]
    [InlineData("impala.learner.lr { a = 1 }", "exp.conf:1: impala.learner.lr: must be a value, not a section (an object)")]
    [InlineData("impala.lags { a = 1 }", "exp.conf:1: impala.lags: must be a list, not a section (an object)")]
    public void RequireKnownKeys_ValueAndSectionSwapped_AreRefusedAsSuch(string text, string message)
    {
        var reference = Config.Parse("impala { learner { batch-size = 32, lr = 1 }, lags = [] }", "reference.conf");
        var e = Assert.Throws<ConfigException>(() => Config.Parse(text, "exp.conf").RequireKnownKeys(reference));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Substitution_InvalidValue_NamesTheKeyItWasReadFrom_ThroughAChain()
    {
        var config = Config.Parse("run.frames = -5\ndecay = ${run.frames}\nfloor = ${decay}", "t.conf");
        Assert.Equal(-5, config.GetLong("floor"));
        Assert.Equal("t.conf:1: run.frames: must be in 1..10, got -5 (read as floor = ${run.frames})",
            Assert.Throws<ConfigException>(() => config.GetLongWithin("floor", 1, 10)).Message);
        Assert.Equal("t.conf:1: run.frames: must be in 1..10, got -5",
            Assert.Throws<ConfigException>(() => config.GetIntWithin("run.frames", 1, 10)).Message);
    }

    [Fact]
    public void Render_IsJsonThatParsesBackToTheSameValues()
    {
        var config = Config.Parse("a { n = 3, x = 0.25, s = \"hi\", t = true, z = null, l = [1, \"two\"] }\nbig = 9007199254740993");
        var text = config.Render();
        var again = Config.Parse(text, "rendered");
        Assert.Equal(3, again.GetInt("a.n"));
        Assert.Equal(0.25, again.GetDouble("a.x"));
        Assert.Equal("hi", again.GetString("a.s"));
        Assert.True(again.GetBool("a.t"));
        Assert.True(again.IsNull("a.z"));
        Assert.Equal(["1", "two"], again.GetStringList("a.l"));
        Assert.Equal(9007199254740993L, again.GetLong("big"));
        using var json = System.Text.Json.JsonDocument.Parse(text);
    }
}
