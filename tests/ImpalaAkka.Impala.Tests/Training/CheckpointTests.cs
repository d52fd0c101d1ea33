using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Training;
using ImpalaAkka.Torch;

namespace ImpalaAkka.Impala.Tests.Training;

[Collection(nameof(TrainerTests))]
public sealed class CheckpointTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ia-ckpt-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Resume_ContinuesVersionFramesAndOptimizerState()
    {
        var path = Path.Combine(directory, Checkpoint.FileName);
        var first = TestSettings.Load("impala.run.max-frames=3200", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4");
        var monitor = new TrainingMonitor(first.Run.MaxFrames, null);
        var a = await InProcessTrainer.RunAsync(first, monitor, new InProcessTrainer.Options { CheckpointPath = path }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(File.Exists(path));

        var second = TestSettings.Load("impala.run.max-frames=6400", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4");
        var monitor2 = new TrainingMonitor(second.Run.MaxFrames, null);
        var b = await InProcessTrainer.RunAsync(second, monitor2, new InProcessTrainer.Options { CheckpointPath = path, ResumeFrom = path }, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(a.FinalVersion + (b.Final.Frames - a.Final.Frames) / 80, b.FinalVersion);
        Assert.Equal(b.Final.LearnerSteps, b.FinalVersion);
        Assert.True(b.Final.Frames >= 6400);

        using var core = new LearnerCore(second, Environments.Environments.SpecOf("cartpole"));
        var meta = Checkpoint.Load(path, core);
        Assert.Equal(b.FinalVersion, meta.Version);
        Assert.Equal(core.Optimizer.StepCount, meta.OptimizerSteps);
        Assert.Equal(b.FinalVersion, meta.OptimizerSteps);
    }

    [Fact]
    public void Load_CorruptFile_IsRefused_AndLearnerUnchanged()
    {
        var settings = TestSettings.Load();
        var path = Path.Combine(directory, Checkpoint.FileName);
        using var core = new LearnerCore(settings, Environments.Environments.SpecOf("cartpole"));
        Checkpoint.Save(path, core, new Checkpoint.Meta(7, 100, 7, 3, 7, 1.5));
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        var before = core.Net.Parameters()[0].ToArray<float>();
        var e = Assert.Throws<StateDictException>(() => Checkpoint.Load(path, core));
        Assert.Contains("checksum mismatch", e.Message);
        Assert.Equal(before, core.Net.Parameters()[0].ToArray<float>());
        Assert.Equal(0, core.Version);
    }

    [Fact]
    public void Load_OtherModel_IsRefusedNamingTheParameter()
    {
        var path = Path.Combine(directory, Checkpoint.FileName);
        using (var small = new LearnerCore(TestSettings.Load("impala.model.hidden=[8]"), Environments.Environments.SpecOf("cartpole")))
        {
            Checkpoint.Save(path, small, new Checkpoint.Meta(1, 1, 1, 1, 0, 0));
        }
        using var core = new LearnerCore(TestSettings.Load(), Environments.Environments.SpecOf("cartpole"));
        var e = Assert.Throws<StateDictException>(() => Checkpoint.Load(path, core));
        Assert.Contains(path, e.Message);
        Assert.Equal(0, core.Version);
    }
}
