using ImpalaAkka.Config;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Tests.Settings;

public sealed class SettingsLoaderTests
{
    private static string Repo(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ImpalaAkka.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, relative);
    }

    [Fact]
    public void Reference_BindsThePapersDefaults()
    {
        var s = SettingsLoader.Load(null, []);
        Assert.Equal(0.99, s.Learner.Discount);
        Assert.Equal(0.5, s.Learner.BaselineCost);
        Assert.Equal(0.01, s.Learner.EntropyCost);
        Assert.Equal(40, s.Learner.GradNormClip);
        Assert.Equal(6e-4, s.Learner.Optimizer.LearningRate);
        Assert.Equal(0.01, s.Learner.Optimizer.Epsilon);
        Assert.Equal(EpsilonPlacement.InsideSqrt, s.Learner.Optimizer.EpsilonPlacement);
        Assert.Equal(s.Run.MaxFrames, s.Learner.Optimizer.LrDecayFrames);
        Assert.Equal(1.0, s.VTrace.ClipRhoThreshold);
    }

    [Theory]
    [InlineData("hocon/cartpole.conf", "cartpole")]
    [InlineData("hocon/catch.conf", "catch")]
    [InlineData("hocon/minatar-asterix.conf", "minatar-asterix")]
    [InlineData("hocon/minatar-breakout.conf", "minatar-breakout")]
    [InlineData("hocon/minatar-freeway.conf", "minatar-freeway")]
    [InlineData("hocon/minatar-seaquest.conf", "minatar-seaquest")]
    [InlineData("hocon/minatar-space-invaders.conf", "minatar-space-invaders")]
    public void ShippedConfigs_Bind(string file, string env)
    {
        Assert.Equal(env, SettingsLoader.Load(Repo(file), []).Env.Name);
    }

    /// <summary>Each MinAtar config trains MinAtar's conv net and aims above the uniform-random mean (MinAtar README's reference table).</summary>
    [Theory]
    [InlineData("minatar-asterix", 0.49912)]
    [InlineData("minatar-breakout", 0.51397)]
    [InlineData("minatar-freeway", 0.13345)]
    [InlineData("minatar-seaquest", 0.10004)]
    [InlineData("minatar-space-invaders", 2.83162)]
    public void MinAtarConfigs_Bind_ConvNetWithTargetAboveRandom(string env, double randomMean)
    {
        var s = SettingsLoader.Load(Repo($"hocon/{env}.conf"), []);
        Assert.Equal(ModelKind.Conv, s.Model.Kind);
        Assert.Equal(16, s.Model.ConvChannels);
        Assert.Equal(128, s.Model.Fc);
        Assert.Equal(0.99, s.Learner.Discount);
        Assert.True(s.Run.TargetReturn > 3 * randomMean, $"{env}: target {s.Run.TargetReturn} is not clearly above random ({randomMean})");
    }

    [Fact]
    public void Substitution_InReference_SeesOverrides()
    {
        Assert.Equal(1234, SettingsLoader.Load(null, ["impala.run.max-frames=1234"]).Learner.Optimizer.LrDecayFrames);
    }

    [Theory]
    [InlineData("impala.rollout.envs-per-actor=0", "impala.rollout.envs-per-actor: must be in 1..4096, got 0")]
    [InlineData("impala.learner.correction=magic", "impala.learner.correction: expected one of vtrace | none | one-step-is | epsilon, got \"magic\"")]
    [InlineData("impala.model.kind=MLP", "impala.model.kind: expected one of mlp | conv | shallow, got \"MLP\"")]
    [InlineData("impala.model.kind=shallow", "impala.model.kind: shallow needs [C, H, W] observations; cartpole has [4]")]
    [InlineData("impala.env.name=catch;impala.model.shallow-channels=[16]", "impala.model.shallow-channels: must list the two convolutions' channels, got 1 values")]
    [InlineData("impala.env.name=catch;impala.model.shallow-channels=[16, 0]", "impala.model.shallow-channels: convolution 1 channels 0 is not in 1..1024")]
    [InlineData("impala.model.shallow-fc=0", "impala.model.shallow-fc: must be in 1..65536, got 0")]
    [InlineData("impala.rollout.policy=fast", "impala.rollout.policy: expected one of auto | managed | libtorch, got \"fast\"")]
    [InlineData("impala.learner.reward-clipping=tanh", "impala.learner.reward-clipping: expected one of none | abs-one, got \"tanh\"")]
    [InlineData("impala.learner.optimizer.kind=adagrad", "impala.learner.optimizer.kind: expected one of rmsprop | adam | sgd, got \"adagrad\"")]
    [InlineData("impala.learner.optimizer.epsilon-placement=inside", "impala.learner.optimizer.epsilon-placement: expected one of inside-sqrt | outside-sqrt, got \"inside\"")]
    [InlineData("impala.lag.mode=sometimes", "impala.lag.mode: expected one of none | fixed | uniform | geometric | delay, got \"sometimes\"")]
    [InlineData("impala.vtrace.c-bar=-1", "impala.vtrace.c-bar: must be > 0 (or null for no clipping), got -1")]
    [InlineData("impala.learner.batch-szie=3", "impala.learner.batch-szie: unknown key (did you mean 'impala.learner.batch-size'?)")]
    [InlineData("impala.rollout.sync=true;impala.rollout.envs-per-actor=8", "impala.learner.batch-size: with impala.rollout.sync = true it must equal actors x envs-per-actor (8), got 32")]
    [InlineData("impala.env.name=pong", "impala.env.name: expected one of cartpole | catch | minatar-asterix | minatar-breakout | minatar-freeway | minatar-seaquest | minatar-space-invaders, got \"pong\"")]
    [InlineData("impala.lag.mode=fixed", "")]
    [InlineData("impala.learner.device=gpu", "impala.learner.device: must be cpu, cuda or cuda:N, got 'gpu'")]
    [InlineData("impala.learner.threads=0", "impala.learner.threads: must be in 1..256, got 0")]
    [InlineData("impala.model.lstm-size=100000", "impala.model.lstm-size: must be in 1..8192, got 100000")]
    [InlineData("impala.model.hidden=[65536, 65536]", "impala.model: the model has 4,295,557,123 parameters, more than the limit of 50,000,000 (for cartpole)")]
    [InlineData("impala.env.name=catch;impala.model.kind=conv;impala.model.conv-channels=1024;impala.model.fc=65536", "impala.model: the model has 3,355,781,124 parameters, more than the limit of 50,000,000 (for catch)")]
    [InlineData("impala.env.tasks=3", "impala.env.tasks: expected a list, found a value")]
    [InlineData("impala.env.tasks=[minatar-breakout]", "impala.env.tasks[0]: expected an object, found a value")]
    [InlineData("impala.env.tasks=[{ name = pong }]", "impala.env.tasks[0].name: expected one of cartpole | catch | minatar-asterix | minatar-breakout | minatar-freeway | minatar-seaquest | minatar-space-invaders, got \"pong\"")]
    [InlineData("impala.env.tasks=[{ name = minatar-breakout }, { name = minatar-breakout }]", "impala.env.tasks[1].name: minatar-breakout is listed twice")]
    [InlineData("impala.env.tasks=[{ name = minatar-breakout, share = 0 }]", "impala.env.tasks[0].share: must be > 0, got 0")]
    [InlineData("impala.env.tasks=[{ name = minatar-breakout, share = -1.5 }]", "impala.env.tasks[0].share: must be > 0, got -1.5")]
    [InlineData("impala.env.tasks=[{ name = minatar-breakout, weight = 2 }]", "impala.env.tasks[0].weight: unknown key (a task has name and share)")]
    [InlineData("impala.env.tasks=[{ name = minatar-breakout }, { name = catch }]", "impala.env.tasks: the tasks cannot share one network: observations must be [C, H, W] with the same H and W: minatar-breakout [4, 10, 10], catch [1, 10, 5]")]
    [InlineData("impala.env.tasks=[{ name = minatar-breakout }, { name = minatar-asterix }, { name = minatar-freeway }];impala.rollout.envs-per-actor=2", "impala.rollout.envs-per-actor: actors x envs-per-actor = 2 environment slots give task minatar-freeway none (raise them or its share)")]
    public void BadValues_AreRejectedNamingTheKey(string assignments, string message)
    {
        var list = assignments.Split(';');
        if (message.Length == 0)
        {
            SettingsLoader.Load(null, list);
            return;
        }
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, list));
        Assert.Contains(message, e.Message);
    }

    /// <summary>Every size and count key of reference.conf, one value past its documented range (hocon/reference.conf).</summary>
    [Theory]
    [InlineData("impala.env.fail-every=-1", "impala.env.fail-every: must be in 0..2147483647, got -1")]
    [InlineData("impala.model.hidden=[0]", "impala.model.hidden: layer 0 size 0 is not in 1..65536")]
    [InlineData("impala.model.hidden=[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]", "impala.model.hidden: lists 0..16 layers, got 17")]
    [InlineData("impala.model.conv-channels=1025", "impala.model.conv-channels: must be in 1..1024, got 1025")]
    [InlineData("impala.model.fc=65537", "impala.model.fc: must be in 1..65536, got 65537")]
    [InlineData("impala.model.shallow-fc=65537", "impala.model.shallow-fc: must be in 1..65536, got 65537")]
    [InlineData("impala.model.lstm-size=0", "impala.model.lstm-size: must be in 1..8192, got 0")]
    [InlineData("impala.rollout.actors=100000", "impala.rollout.actors: must be in 1..256, got 100000")]
    [InlineData("impala.rollout.actors=0", "impala.rollout.actors: must be in 1..256, got 0")]
    [InlineData("impala.rollout.envs-per-actor=100000000", "impala.rollout.envs-per-actor: must be in 1..4096, got 100000000")]
    [InlineData("impala.rollout.unroll-length=1000000000", "impala.rollout.unroll-length: must be in 1..10000, got 1000000000")]
    [InlineData("impala.rollout.max-inflight=1025", "impala.rollout.max-inflight: must be in 1..1024, got 1025")]
    [InlineData("impala.learner.batch-size=4097", "impala.learner.batch-size: must be in 1..4096, got 4097")]
    [InlineData("impala.learner.max-lag=-1", "impala.learner.max-lag: must be in 0..1,000,000,000, got -1")]
    [InlineData("impala.learner.threads=257", "impala.learner.threads: must be in 1..256, got 257")]
    [InlineData("impala.learner.checkpoint-every=-1", "impala.learner.checkpoint-every: must be in 0..1000000000, got -1")]
    [InlineData("impala.learner.optimizer.lr-decay-frames=0", "impala.learner.optimizer.lr-decay-frames: must be in 1..1,000,000,000,000, got 0")]
    [InlineData("impala.lag.k=4096", "impala.lag.k: must be in 0..4095, got 4096")]
    [InlineData("impala.lag.min=-1", "impala.lag.min: must be in 0..4095, got -1")]
    [InlineData("impala.lag.max=100000", "impala.lag.max: must be in 0..4095, got 100000")]
    [InlineData("impala.lag.delay=2m", "impala.lag.delay: must be in 0ms..60s, got 120s")]
    [InlineData("impala.parameter-server.keep-versions=4097", "impala.parameter-server.keep-versions: must be in 1..4096, got 4097")]
    [InlineData("impala.replay.capacity=1000001", "impala.replay.capacity: must be in 0..1000000, got 1000001")]
    [InlineData("impala.supervision.max-restarts=1001", "impala.supervision.max-restarts: must be in 0..1000, got 1001")]
    [InlineData("impala.supervision.window=0s", "impala.supervision.window: must be in 1ms..3600s, got 0ms")]
    [InlineData("impala.supervision.backoff-min=0s", "impala.supervision.backoff-min: must be in 1ms..60s, got 0ms")]
    [InlineData("impala.supervision.backoff-max=1h", "impala.supervision.backoff-max: must be in 1ms..600s, got 3600s")]
    [InlineData("impala.supervision.backoff-min=2s", "impala.supervision.backoff-max: must be >= impala.supervision.backoff-min (00:00:02), got 00:00:01")]
    [InlineData("impala.run.max-frames=0", "impala.run.max-frames: must be in 1..1,000,000,000,000, got 0")]
    [InlineData("impala.run.max-frames=1000000000001", "impala.run.max-frames: must be in 1..1,000,000,000,000, got 1,000,000,000,001")]
    [InlineData("impala.run.log-every=1ms", "impala.run.log-every: must be in 100ms..3600s, got 1ms")]
    // Products of in-range sizes (limits in MemoryBudget, documented in reference.conf).
    [InlineData("impala.rollout.actors=256;impala.rollout.envs-per-actor=4096", "impala.rollout.envs-per-actor: actors x envs-per-actor = 256 x 4096 = 1,048,576 environments, more than the limit of 4,096")]
    [InlineData("impala.rollout.actors=64;impala.rollout.envs-per-actor=64;impala.rollout.unroll-length=10000;impala.rollout.max-inflight=1024", "impala.rollout.max-inflight: unrolls in flight")]
    [InlineData("impala.learner.batch-size=4096;impala.rollout.unroll-length=10000", "impala.learner.batch-size: a batch: batch-size x unroll bytes")]
    [InlineData("impala.replay.capacity=1000000;impala.replay.share=0.5;impala.rollout.unroll-length=1000", "impala.replay.capacity: the replay buffer: capacity x unroll bytes")]
    [InlineData("impala.parameter-server.keep-versions=4096;impala.model.hidden=[4096, 4096]", "impala.parameter-server.keep-versions: keep-versions x parameters x 4 bytes")]
    public void SizesOutOfRange_AreRejectedNamingTheKey(string assignments, string message)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, assignments.Split(';')));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void LargestDefaultsTogether_FitTheBudget()
    {
        var s = SettingsLoader.Load(null, ["impala.rollout.actors=4", "impala.rollout.envs-per-actor=1024", "impala.rollout.unroll-length=100"]);
        Assert.Equal(4096, s.Rollout.Actors * s.Rollout.EnvsPerActor);
    }

    /// <summary>A key that defaults to another (lr-decay-frames = ${impala.run.max-frames}) reports the key the user set.</summary>
    [Fact]
    public void SubstitutedValue_OutOfRange_NamesTheKeyTheUserSet()
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, ["impala.run.max-frames=-5"]));
        Assert.Equal("command line --set 'impala.run.max-frames=-5':1: impala.run.max-frames: must be in 1..1,000,000,000,000, got -5"
            + " (read as impala.learner.optimizer.lr-decay-frames = ${impala.run.max-frames})", e.Message);
    }

    [Theory]
    [InlineData("impala.learner=5", "impala.learner: must be a section (an object with keys batch-size, discount, baseline-cost, ...), not a value; set one of its keys instead, e.g. impala.learner.batch-size")]
    [InlineData("impala.learner.optimizer=[1]", "impala.learner.optimizer: must be a section (an object with keys kind, learning-rate, decay, ...), not a list")]
    [InlineData("impala=null", "impala: must be a section")]
    [InlineData("impala.run.max-frames={ a = 1 }", "impala.run.max-frames: must be a value, not a section (an object)")]
    [InlineData("impala.model.hidden={ a = 1 }", "impala.model.hidden: must be a list, not a section (an object)")]
    public void ScalarOverASection_IsRejectedAsSuch(string assignment, string message)
    {
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, [assignment]));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Tasks_MoreThan64_AreRejectedNamingTheKey()
    {
        var tasks = string.Join(", ", Enumerable.Repeat("{ name = minatar-breakout }", 65));
        var e = Assert.Throws<ConfigException>(() => SettingsLoader.Load(null, [$"impala.env.tasks=[{tasks}]"]));
        Assert.Contains("impala.env.tasks: lists 1..64 tasks, got 65", e.Message);
    }

    [Fact]
    public void MinatarAll_BindsFiveTasksOfEqualShare_AndThePaddedSpec()
    {
        var s = SettingsLoader.Load(Repo("hocon/minatar-all.conf"), []);
        Assert.True(s.Env.MultiTask);
        Assert.Equal("multi-task", s.Env.Name);
        Assert.Equal(["minatar-asterix", "minatar-breakout", "minatar-freeway", "minatar-seaquest", "minatar-space-invaders"], s.Env.TaskNames);
        Assert.All(s.Env.Tasks, t => Assert.Equal(1, t.Share));
        Assert.Equal(ModelKind.Conv, s.Model.Kind);
        var spec = s.Env.Spec;
        Assert.Equal(("multi-task", "10,10,10", 6), (spec.Name, string.Join(",", spec.ObservationShape), spec.ActionCount));
        var env = s.Env.Create(1);
        Assert.Equal(("minatar-breakout", "10,10,10"), (env.Spec.Name, string.Join(",", env.Spec.ObservationShape)));
    }

    [Fact]
    public void TasksEmpty_EnvNameIsTheOneTask_Unpadded()
    {
        var s = SettingsLoader.Load(null, ["impala.env.name=minatar-breakout", "impala.model.kind=conv"]);
        Assert.False(s.Env.MultiTask);
        Assert.Equal(["minatar-breakout"], s.Env.TaskNames);
        Assert.Empty(s.Env.ReportedTasks);
        Assert.Equal([4, 10, 10], s.Env.Spec.ObservationShape);
        Assert.IsType<ImpalaAkka.Environments.MinAtar.MinAtarEnvironment>(s.Env.Create(0));
    }

    [Fact]
    public void NullThresholds_MeanNoClipping()
    {
        var s = SettingsLoader.Load(null, ["impala.vtrace.rho-bar=null"]);
        Assert.Null(s.VTrace.ClipRhoThreshold);
    }
}
