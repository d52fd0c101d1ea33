using ImpalaAkka.Config;
using ImpalaAkka.Impala.Common;
using ImpalaAkka.Impala.Learning;
using Cfg = ImpalaAkka.Config.Config;

namespace ImpalaAkka.Impala.Settings;

/// <summary>Stacks reference.conf (embedded) &lt;- experiment file &lt;- --set assignments, resolves once and binds <see cref="ImpalaSettings"/>.</summary>
public static class SettingsLoader
{
    /// <summary>The largest frame budget (run.max-frames, lr-decay-frames): 10^12, beyond any run here.</summary>
    public const long MaxFrames = 1_000_000_000_000;

    /// <summary>The most parameter versions the parameter server keeps (and so the largest fixed or uniform injected lag + 1).</summary>
    public const int MaxKeepVersions = 4096;

    /// <summary>The embedded hocon/reference.conf text.</summary>
    public static string ReferenceText()
    {
        using var stream = typeof(SettingsLoader).Assembly.GetManifestResourceStream("reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in ImpalaAkka.Impala");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The resolved configuration for <paramref name="configFile"/> (optional) and <paramref name="assignments"/>.</summary>
    /// <param name="assignmentSource">What errors call the assignments' origin (an experiment names its file).</param>
    /// <exception cref="ConfigException">A file cannot be read, a value is invalid or a key is unknown.</exception>
    public static Cfg LoadConfig(string? configFile, IEnumerable<string> assignments, string assignmentSource = "command line --set")
    {
        var reference = HoconDocument.Parse(ReferenceText(), "reference.conf");
        var user = HoconDocument.Empty;
        if (configFile is not null)
        {
            user = user.WithOverrides(HoconDocument.ParseFile(configFile));
        }
        foreach (var assignment in assignments)
        {
            user = user.WithOverrides(HoconDocument.ParseAssignment(assignment, assignmentSource));
        }
        user.RequireKnownKeys(reference);
        return reference.WithOverrides(user).Resolve();
    }

    public static ImpalaSettings Load(string? configFile, IEnumerable<string> assignments) => Bind(LoadConfig(configFile, assignments));

    /// <summary>Reads and validates every setting; errors name the file, line, key and reason.</summary>
    public static ImpalaSettings Bind(Cfg c)
    {
        var settings = new ImpalaSettings(
            Experiment: c.GetString("impala.experiment"),
            Seed: c.GetInt("impala.seed"),
            Env: Env(c),
            Model: new ModelSettings(
                Choice(c, "impala.model.kind", ConfigNames.ModelKinds),
                Hidden(c, "impala.model.hidden"),
                c.GetIntWithin("impala.model.conv-channels", 1, 1024),
                c.GetIntWithin("impala.model.fc", 1, 65536),
                c.GetBool("impala.model.lstm"),
                c.GetIntWithin("impala.model.lstm-size", 1, 8192),
                ShallowChannels(c, "impala.model.shallow-channels"),
                c.GetIntWithin("impala.model.shallow-fc", 1, 65536)),
            Rollout: new RolloutSettings(
                c.GetIntWithin("impala.rollout.actors", 1, 256),
                c.GetIntWithin("impala.rollout.envs-per-actor", 1, 4096),
                c.GetIntWithin("impala.rollout.unroll-length", 1, 10_000),
                c.GetIntWithin("impala.rollout.max-inflight", 1, 1024),
                c.GetBool("impala.rollout.sync"),
                Choice(c, "impala.rollout.policy", ConfigNames.ActingPolicies)),
            Learner: new LearnerSettings(
                c.GetIntWithin("impala.learner.batch-size", 1, 4096),
                Within(c, "impala.learner.discount", 0, 1),
                Within(c, "impala.learner.baseline-cost", 0, double.MaxValue),
                Within(c, "impala.learner.entropy-cost", 0, double.MaxValue),
                Choice(c, "impala.learner.reward-clipping", ConfigNames.RewardClippings),
                Within(c, "impala.learner.grad-norm-clip", double.Epsilon, double.MaxValue),
                Choice(c, "impala.learner.correction", ConfigNames.Corrections),
                c.IsNull("impala.learner.max-lag") ? null : c.GetLongWithin("impala.learner.max-lag", 0, 1_000_000_000),
                c.GetIntWithin("impala.learner.threads", 1, 256),
                c.GetIntWithin("impala.learner.checkpoint-every", 0, 1_000_000_000),
                new OptimizerSettings(
                    Choice(c, "impala.learner.optimizer.kind", ConfigNames.OptimizerKinds),
                    Within(c, "impala.learner.optimizer.learning-rate", 0, 10),
                    Within(c, "impala.learner.optimizer.decay", 0, 1),
                    Within(c, "impala.learner.optimizer.epsilon", double.Epsilon, 10),
                    Within(c, "impala.learner.optimizer.momentum", 0, 1),
                    Choice(c, "impala.learner.optimizer.epsilon-placement", ConfigNames.EpsilonPlacements),
                    c.GetLongWithin("impala.learner.optimizer.lr-decay-frames", 1, MaxFrames)),
                c.GetString("impala.learner.device") is var device && Model.TorchRuntime.IsDeviceName(device)
                    ? device : throw c.Invalid("impala.learner.device", $"must be cpu, cuda or cuda:N, got '{device}'"),
                c.GetNullableString("impala.learner.libtorch-dir"),
                c.GetBool("impala.learner.onednn")),
            VTrace: new VTraceOptions(
                NullableThreshold(c, "impala.vtrace.rho-bar"),
                NullableThreshold(c, "impala.vtrace.pg-rho-bar"),
                NullableThreshold(c, "impala.vtrace.c-bar"),
                Within(c, "impala.vtrace.lambda", 0, 1)),
            Lag: new LagSettings(
                Choice(c, "impala.lag.mode", ConfigNames.LagModes),
                c.GetIntWithin("impala.lag.k", 0, MaxKeepVersions - 1),
                c.GetIntWithin("impala.lag.min", 0, MaxKeepVersions - 1),
                c.GetIntWithin("impala.lag.max", 0, MaxKeepVersions - 1),
                Within(c, "impala.lag.p", double.Epsilon, 1),
                c.GetDurationWithin("impala.lag.delay", TimeSpan.Zero, TimeSpan.FromMinutes(1))),
            KeepVersions: c.GetIntWithin("impala.parameter-server.keep-versions", 1, MaxKeepVersions),
            Replay: new ReplaySettings(c.GetIntWithin("impala.replay.capacity", 0, 1_000_000), Within(c, "impala.replay.share", 0, 1)),
            Supervision: new SupervisionSettings(
                c.GetIntWithin("impala.supervision.max-restarts", 0, 1000),
                c.GetDurationWithin("impala.supervision.window", TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)),
                c.GetDurationWithin("impala.supervision.backoff-min", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1)),
                c.GetDurationWithin("impala.supervision.backoff-max", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10))),
            Run: new RunSettings(
                c.GetLongWithin("impala.run.max-frames", 1, MaxFrames),
                c.GetNullableDouble("impala.run.target-return"),
                c.GetDurationWithin("impala.run.log-every", TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1)),
                c.GetString("impala.run.root"),
                c.GetBool("impala.run.stop-at-target")));
        Validate(c, settings);
        return settings;
    }

    private static void Validate(Cfg c, ImpalaSettings s)
    {
        if (s.Lag.Mode == LagMode.Uniform && s.Lag.Min > s.Lag.Max)
        {
            throw c.Invalid("impala.lag.min", $"must be <= impala.lag.max ({s.Lag.Max}), got {s.Lag.Min}");
        }
        if (s.Lag.Mode is LagMode.Fixed or LagMode.Uniform && s.Lag.MaxInjected >= s.KeepVersions)
        {
            throw c.Invalid("impala.parameter-server.keep-versions", $"must exceed the largest injected lag ({s.Lag.MaxInjected}), got {s.KeepVersions}");
        }
        if (s.Supervision.BackoffMin > s.Supervision.BackoffMax)
        {
            throw c.Invalid("impala.supervision.backoff-max", $"must be >= impala.supervision.backoff-min ({s.Supervision.BackoffMin}), got {s.Supervision.BackoffMax}");
        }
        if ((long)s.Rollout.Actors * s.Rollout.EnvsPerActor is var environments && environments > MemoryBudget.MaxEnvironmentSlots)
        {
            throw c.Invalid("impala.rollout.envs-per-actor",
                $"actors x envs-per-actor = {s.Rollout.Actors} x {s.Rollout.EnvsPerActor} = {environments:N0} environments, more than the limit of {MemoryBudget.MaxEnvironmentSlots:N0}");
        }
        if (s.Rollout.Sync && s.Learner.BatchSize != s.Rollout.Actors * s.Rollout.EnvsPerActor)
        {
            throw c.Invalid("impala.learner.batch-size",
                $"with impala.rollout.sync = true it must equal actors x envs-per-actor ({s.Rollout.Actors * s.Rollout.EnvsPerActor}), got {s.Learner.BatchSize}");
        }
        if (s.Rollout.Sync && s.Replay.Enabled)
        {
            throw c.Invalid("impala.replay.share", "replay cannot be combined with impala.rollout.sync = true");
        }
        if (s.Replay.Enabled && (int)Math.Round(s.Learner.BatchSize * s.Replay.Share) >= s.Learner.BatchSize)
        {
            throw c.Invalid("impala.replay.share", $"leaves no fresh unrolls in a batch of {s.Learner.BatchSize}");
        }
        if (s.Rollout.Policy == ActingPolicyKind.Managed && (s.Model.Kind != ModelKind.Mlp || s.Model.Lstm))
        {
            throw c.Invalid("impala.rollout.policy", "the managed forward pass supports only model.kind = mlp without an LSTM core");
        }
        var slots = s.Env.TaskOfSlots(s.Rollout.Actors * s.Rollout.EnvsPerActor);
        if (Enumerable.Range(0, s.Env.Tasks.Count).FirstOrDefault(t => !slots.Contains(t), -1) is var starved and >= 0)
        {
            throw c.Invalid("impala.rollout.envs-per-actor",
                $"actors x envs-per-actor = {s.Rollout.Actors * s.Rollout.EnvsPerActor} environment slots give task {s.Env.Tasks[starved].Name} none (raise them or its share)");
        }
        var spec = s.Env.Spec;
        if (Model.ModelShapes.NeedsGrid(s.Model.Kind) && spec.ObservationShape.Length != 3)
        {
            throw c.Invalid("impala.model.kind", $"{s.Model.Kind.ToConfigName()} needs [C, H, W] observations; {s.Env.Name} has [{string.Join(", ", spec.ObservationShape)}]");
        }
        try
        {
            Model.ModelShapes.Check(s.Model, spec);
        }
        catch (ArgumentException e)
        {
            throw c.Invalid("impala.model", $"{e.Message} (for {s.Env.Name})");
        }
        CheckMemory(c, s);
    }

    /// <summary>Products of in-range sizes that would still not fit (limits in <see cref="MemoryBudget"/>).</summary>
    private static void CheckMemory(Cfg c, ImpalaSettings s)
    {
        var r = s.Rollout;
        var slots = (long)r.Actors * r.EnvsPerActor;
        var spec = s.Env.Spec;
        var unroll = MemoryBudget.UnrollBytes(r.UnrollLength, spec.ObservationShape.Aggregate(1L, (a, d) => checked(a * d)), spec.ActionCount);
        void Limit(string key, string product, long bytes, long limit)
        {
            if (bytes > limit)
            {
                throw c.Invalid(key, $"{product} = {MemoryBudget.Text(bytes)} (an unroll of T = {r.UnrollLength} is {MemoryBudget.Text(unroll)} for {s.Env.Name}), more than the limit of {MemoryBudget.Text(limit)}");
            }
        }
        Limit("impala.rollout.max-inflight", $"unrolls in flight: actors x envs-per-actor x max-inflight x unroll bytes = {slots} x {r.MaxInflight} x unroll",
            checked(slots * r.MaxInflight * unroll), MemoryBudget.MaxInflightBytes);
        Limit("impala.learner.batch-size", $"a batch: batch-size x unroll bytes = {s.Learner.BatchSize} x unroll",
            checked(s.Learner.BatchSize * unroll), MemoryBudget.MaxBatchBytes);
        Limit("impala.replay.capacity", $"the replay buffer: capacity x unroll bytes = {s.Replay.Capacity} x unroll",
            checked(s.Replay.Capacity * unroll), MemoryBudget.MaxReplayBytes);
        var parameters = Model.ModelShapes.ParameterCount(s.Model, spec);
        if (checked(s.KeepVersions * parameters * 4) is var kept && kept > MemoryBudget.MaxKeptVersionBytes)
        {
            throw c.Invalid("impala.parameter-server.keep-versions",
                $"keep-versions x parameters x 4 bytes = {s.KeepVersions} x {parameters:N0} x 4 = {MemoryBudget.Text(kept)}, more than the limit of {MemoryBudget.Text(MemoryBudget.MaxKeptVersionBytes)}");
        }
    }

    /// <summary>
    /// <c>impala.env</c>: with <c>tasks</c> empty, <c>name</c> is the one task; otherwise 1..64 distinct
    /// tasks of shares > 0 whose observations differ in their channel count at most.
    /// </summary>
    private static EnvSettings Env(Cfg c)
    {
        const string key = "impala.env.tasks";
        var failEvery = c.GetIntWithin("impala.env.fail-every", 0, int.MaxValue);
        var entries = c.GetConfigList(key);
        if (entries.Count == 0) return new EnvSettings(c.GetChoice("impala.env.name", [.. Environments.Environments.Names]), failEvery);
        if (entries.Count > 64) throw c.Invalid(key, $"lists 1..64 tasks, got {entries.Count}");
        var tasks = new List<TaskSettings>();
        foreach (var entry in entries)
        {
            if (entry.Keys.FirstOrDefault(k => k is not ("name" or "share")) is { } unknown)
            {
                throw entry.Invalid(unknown, "unknown key (a task has name and share)");
            }
            var name = entry.GetChoice("name", [.. Environments.Environments.Names]);
            if (tasks.Any(t => t.Name == name)) throw entry.Invalid("name", $"{name} is listed twice");
            var share = entry.HasPath("share") ? entry.GetDouble("share") : 1;
            if (share <= 0) throw entry.Invalid("share", $"must be > 0, got {share}");
            tasks.Add(new TaskSettings(name, share));
        }
        var env = new EnvSettings(EnvSettings.MultiTaskName, failEvery, tasks, MultiTask: true);
        try
        {
            _ = env.Spec;
        }
        catch (ArgumentException e)
        {
            throw c.Invalid(key, $"the tasks cannot share one network: {e.Message}");
        }
        return env;
    }

    /// <summary>The value of the choice at <paramref name="path"/>; a name outside <paramref name="table"/> is an error listing its names.</summary>
    private static T Choice<T>(Cfg c, string path, NameTable<T> table)
        where T : struct, Enum =>
        table.Parse(c.GetChoice(path, [.. table.Names]));

    /// <summary>The MLP's hidden layers: 0..16 of them (each a module libtorch builds), each 1..65536 wide.</summary>
    private static IReadOnlyList<int> Hidden(Cfg c, string path)
    {
        var sizes = c.GetLongList(path);
        if (sizes.Count > 16) throw c.Invalid(path, $"lists 0..16 layers, got {sizes.Count}");
        return sizes.Select((h, i) => h is >= 1 and <= 65536 ? (int)h : throw c.Invalid(path, $"layer {i} size {h} is not in 1..65536")).ToList();
    }

    private static IReadOnlyList<int> ShallowChannels(Cfg c, string path)
    {
        var channels = c.GetLongList(path);
        if (channels.Count != 2) throw c.Invalid(path, $"must list the two convolutions' channels, got {channels.Count} values");
        return channels.Select((n, i) => n is >= 1 and <= 1024 ? (int)n : throw c.Invalid(path, $"convolution {i} channels {n} is not in 1..1024")).ToList();
    }

    private static double Within(Cfg c, string path, double min, double max) =>
        c.GetDouble(path) is var v && v >= min && v <= max ? v : throw c.Invalid(path, $"must be in [{min}, {max}], got {v}");

    private static double? NullableThreshold(Cfg c, string path) =>
        c.GetNullableDouble(path) is not { } v ? null : v > 0 ? v : throw c.Invalid(path, $"must be > 0 (or null for no clipping), got {v}");
}
