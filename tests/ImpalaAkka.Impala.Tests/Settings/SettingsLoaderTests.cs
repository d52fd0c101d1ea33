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
    [InlineData("impala.rollout.envs-per-actor=0", "impala.rollout.envs-per-actor: must be >= 1, got 0")]
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
