using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Tests.Learning;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Tests.Training;

/// <summary>
/// Runs alone: <see cref="Tensor.TotalCount"/> is process-wide, so a tensor created or finalized by
/// a test running alongside would move it.
/// </summary>
[CollectionDefinition(nameof(LeakTests), DisableParallelization = true)]
public sealed class LeakCollection;

/// <summary>
/// Long runs of the learner's real work, counting tensors two ways: the test thread's own
/// create/dispose statistics, which a finalizer (on its own thread) cannot touch, so a leaked
/// tensor shows even if the GC has already collected it; and the process-wide live count.
/// </summary>
[Collection(nameof(LeakTests))]
public sealed class LeakTests : IDisposable
{
    private const int BatchSize = 4, UnrollLength = 5, WarmUpSteps = 3;

    private readonly string directory = Directory.CreateTempSubdirectory("ia-leak-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void LearnerCore_ThousandSteps_LeaveNoTensorBehind() => AssertNoLeak(Settings(), steps: 1000, every: 100);

    [Fact]
    public void LearnerCore_Recurrent_TwoHundredSteps_LeaveNoTensorBehind() =>
        AssertNoLeak(Settings("impala.model.lstm=true", "impala.model.lstm-size=16"), steps: 200, every: 50);

    [Theory]
    [InlineData("impala.model.lstm=false")]
    [InlineData("impala.model.lstm=true")]
    public void LearnerCore_ShallowOnMinAtar_HundredSteps_LeaveNoTensorBehind(string lstm) =>
        AssertNoLeak(Settings("impala.env.name=minatar-breakout", "impala.model.kind=shallow", "impala.model.lstm-size=16", lstm), steps: 100, every: 50);

    [Theory]
    [InlineData("impala.learner.optimizer.epsilon-placement=outside-sqrt", "impala.learner.optimizer.momentum=0.9")]
    [InlineData("impala.learner.optimizer.kind=adam", "impala.learner.optimizer.momentum=0")]
    [InlineData("impala.learner.optimizer.kind=sgd", "impala.learner.optimizer.momentum=0.9")]
    [InlineData("impala.learner.optimizer.momentum=0.9", "impala.learner.correction=one-step-is")]
    [InlineData("impala.learner.correction=epsilon", "impala.learner.reward-clipping=abs-one")]
    [InlineData("impala.learner.correction=none", "impala.learner.optimizer.momentum=0")]
    public void LearnerCore_OtherOptimizersAndCorrections_LeaveNoTensorBehind(string first, string second) =>
        AssertNoLeak(Settings(first, second), steps: 100, every: 50);

    private static ImpalaSettings Settings(params string[] more) =>
        TestSettings.Load([$"impala.learner.batch-size={BatchSize}", $"impala.rollout.unroll-length={UnrollLength}", .. more]);

    private void AssertNoLeak(ImpalaSettings settings, int steps, int every)
    {
        // As the learner runs (learner.threads = 1): libtorch's default of one thread per core is
        // ten times slower for these tiny nets on a busy machine.
        TorchRuntime.Configure(settings.Learner.Threads, oneDnn: settings.Learner.OneDnn);
        var spec = Environments.Environments.SpecOf(settings.Env.Name);
        using var core = new LearnerCore(settings, spec);
        var batches = Enumerable.Range(0, 4).Select(seed => SyntheticUnrolls.Batch(spec, BatchSize, UnrollLength, core.Net.StateSize, seed)).ToArray();
        var path = Path.Combine(directory, Checkpoint.FileName);
        // Whatever is made once on first use (gradients, lazily allocated state, Checkpoint's first
        // write) exists before the baseline. So does the learner itself: TorchSharp 0.107 adds two to
        // TotalCount for each Parameter it makes and takes one off when it is disposed, so the count
        // never returns to what it was before a model was built.
        for (var step = 0; step < WarmUpSteps; step++) core.Step(batches[step % batches.Length], BatchSize);
        Persist(core, path);

        // Tensors other tests dropped are finalized now, not in the middle of the count.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var statistics = DisposeScopeManager.Statistics.TensorStatistics;
        statistics.Reset();
        var baseline = Tensor.TotalCount;

        for (var step = 1; step <= steps; step++)
        {
            var metrics = core.Step(batches[step % batches.Length], BatchSize);
            Assert.True(double.IsFinite(metrics.TotalLoss), $"step {step}: total loss {metrics.TotalLoss}");
            if (step % every == 0) Persist(core, path);
        }

        Assert.True(statistics.ThreadTotalLiveCount == 0,
            $"after {steps} steps, {statistics.ThreadTotalLiveCount} tensors made on the test thread are still undisposed ({statistics})");
        Assert.True(Tensor.TotalCount == baseline, $"after {steps} steps, {Tensor.TotalCount} live tensors, {baseline} before");
        Assert.Equal(WarmUpSteps + steps, core.Version);
    }

    /// <summary>What the learner does besides stepping: checkpoint, reload it, publish a snapshot.</summary>
    private static void Persist(LearnerCore core, string path)
    {
        var meta = new Checkpoint.Meta(core.Version, core.Frames, core.Version, 0, core.Optimizer.Steps, 0);
        Checkpoint.Save(path, core, meta);
        Assert.Equal(meta, Checkpoint.Load(path, core));
        var snapshot = core.Snapshot();
        snapshot.LoadInto(core.Net);
        Assert.Equal(core.Version, snapshot.Version);
    }
}
