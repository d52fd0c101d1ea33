using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Tests.Training;

/// <summary>Runs the real in-process wiring with tiny budgets; every wait is bounded.</summary>
[Collection(nameof(TrainerTests))]
public sealed class TrainerTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private static async Task<TrainingOutcome> Train(ImpalaSettings settings, InProcessTrainer.Options? options = null)
    {
        var monitor = new TrainingMonitor(settings.Run.MaxFrames, settings.Run.TargetReturn);
        return await InProcessTrainer.RunAsync(settings, monitor, options ?? new InProcessTrainer.Options(), CancellationToken.None).WaitAsync(Limit);
    }

    [Fact]
    public async Task Smoke_CartPole_LossFinite_VersionsAdvance_LagMeasured()
    {
        var settings = TestSettings.Load("impala.run.max-frames=8000", "impala.learner.batch-size=8", "impala.rollout.envs-per-actor=8");
        var outcome = await Train(settings);
        Assert.Equal(StopReason.MaxFrames, outcome.StopReason);
        Assert.True(outcome.Final.Frames >= 8000);
        Assert.Equal(outcome.Final.Frames / 160, outcome.Final.LearnerSteps);
        Assert.Equal(outcome.Final.LearnerSteps, outcome.FinalVersion);
        Assert.True(double.IsFinite(outcome.Final.Last!.TotalLoss));
        Assert.True(outcome.Final.Last.GradNorm > 0);
        Assert.Equal(outcome.Final.LearnerSteps * 8, outcome.Final.UnrollsUsed);
        Assert.Equal(outcome.Final.UnrollsUsed, outcome.Final.LagHistogram.Values.Sum());
        Assert.True(outcome.Final.Episodes > 0);
    }

    [Fact]
    public async Task Smoke_CatchConvNet_RunsOnLibtorchActingPath()
    {
        var settings = TestSettings.Load("impala.env.name=catch", "impala.model.kind=conv", "impala.run.max-frames=3200",
            "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4");
        var outcome = await Train(settings);
        Assert.Equal(StopReason.MaxFrames, outcome.StopReason);
        Assert.True(double.IsFinite(outcome.Final.Last!.TotalLoss));
        Assert.True(outcome.Final.Episodes >= 3200 / 9 - 8);
    }

    [Fact]
    public async Task Smoke_LstmCore_SendsStateAndTrains()
    {
        var settings = TestSettings.Load("impala.model.lstm=true", "impala.model.lstm-size=16", "impala.run.max-frames=3200",
            "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4");
        var outcome = await Train(settings);
        Assert.Equal(StopReason.MaxFrames, outcome.StopReason);
        Assert.True(double.IsFinite(outcome.Final.Last!.TotalLoss));
        Assert.Empty(outcome.Final.Dropped);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task FixedLag_InSyncMode_EveryUnrollAfterWarmUp_HasLagK(int k)
    {
        var settings = TestSettings.Load("impala.run.max-frames=6400", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4",
            "impala.rollout.sync=true", "impala.lag.mode=fixed", $"impala.lag.k={k}");
        var outcome = await Train(settings);
        // Step i (learner version i at use) learns from unrolls acted with version max(0, i - k): lag min(i, k).
        var steps = outcome.Final.LearnerSteps;
        var expected = new SortedDictionary<long, long>();
        for (long i = 0; i < steps; i++) expected[Math.Min(i, k)] = expected.GetValueOrDefault(Math.Min(i, k)) + 4;
        Assert.Equal(expected, outcome.Final.LagHistogram);
    }

    [Fact]
    public async Task UniformLag_InSyncMode_StaysWithinInjectedBounds()
    {
        var settings = TestSettings.Load("impala.run.max-frames=6400", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4",
            "impala.rollout.sync=true", "impala.lag.mode=uniform", "impala.lag.min=2", "impala.lag.max=4");
        var outcome = await Train(settings);
        var afterWarmUp = outcome.Final.LagHistogram.Where(p => p.Key >= 2).Sum(p => p.Value);
        Assert.All(outcome.Final.LagHistogram.Keys, lag => Assert.InRange(lag, 0, 4));
        Assert.True(afterWarmUp >= outcome.Final.UnrollsUsed - 4 * 4, $"histogram: {string.Join(", ", outcome.Final.LagHistogram)}");
        Assert.True(outcome.Final.LagHistogram.Keys.Count(k => k >= 2) >= 2, "uniform lag should produce several lag values");
    }

    /// <summary>
    /// The actor waits for credit, not for parameters: the credit for its last round and the version
    /// that round produced travel separately (queue and parameter server), so a busy thread pool can
    /// deliver the version late and an unroll is then learned at lag 2 or more. What the wiring
    /// guarantees is that lag 0-1 is the rule; lock-step bounds are the sync tests' job.
    /// </summary>
    [Fact]
    public async Task NoLag_SingleActor_OneRoundInFlight_LagIsAtMostOneForNearlyEveryUnroll()
    {
        var settings = TestSettings.Load("impala.run.max-frames=6400", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4",
            "impala.rollout.max-inflight=1");
        var outcome = await Train(settings);
        var histogram = outcome.Final.LagHistogram;
        var atMostOne = histogram.Where(p => p.Key <= 1).Sum(p => p.Value);
        Assert.True(atMostOne >= 0.9 * outcome.Final.UnrollsUsed,
            $"{atMostOne} of {outcome.Final.UnrollsUsed} unrolls at lag <= 1; histogram: {string.Join(", ", histogram)}");
    }

    [Fact]
    public async Task EnvironmentThrowingEveryNSteps_DoesNotStopTraining()
    {
        var settings = TestSettings.Load("impala.run.max-frames=8000", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4",
            "impala.rollout.actors=2", "impala.env.fail-every=500", "impala.supervision.max-restarts=1000", "impala.supervision.backoff-min=1ms",
            "impala.supervision.backoff-max=5ms");
        var outcome = await Train(settings);
        Assert.Equal(StopReason.MaxFrames, outcome.StopReason);
        Assert.True(outcome.Final.ActorRestarts > 0, "the injected faults should have caused restarts");
        Assert.Equal(0, outcome.Final.ActorsStopped);
    }

    [Fact]
    public async Task ActorThatKeepsFailing_IsStoppedAfterRetries_AndLearnerCarriesOn()
    {
        var settings = TestSettings.Load("impala.run.max-frames=8000", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4",
            "impala.rollout.actors=2", "impala.supervision.max-restarts=3", "impala.supervision.backoff-min=1ms", "impala.supervision.backoff-max=2ms");
        var options = new InProcessTrainer.Options
        {
            CreateEnvironment = index => index == 1 ? new FaultInjectingEnvironment(new CartPole(), everySteps: 1) : new CartPole(),
        };
        var outcome = await Train(settings, options);
        Assert.Equal(StopReason.MaxFrames, outcome.StopReason);
        Assert.Equal(1, outcome.Final.ActorsStopped);
        Assert.Equal(3, outcome.Final.ActorRestarts);
    }

    [Fact]
    public async Task EveryActorFailingForGood_EndsTheRunWithTheReason()
    {
        var settings = TestSettings.Load("impala.run.max-frames=8000", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4",
            "impala.rollout.actors=2", "impala.env.fail-every=1", "impala.supervision.max-restarts=2", "impala.supervision.backoff-min=1ms",
            "impala.supervision.backoff-max=2ms");
        var outcome = await Train(settings);
        Assert.Equal(StopReason.RolloutActorsStopped, outcome.StopReason);
        Assert.Equal(2, outcome.Final.ActorsStopped);
        Assert.Equal(4, outcome.Final.ActorRestarts);
        Assert.Equal(0, outcome.Final.LearnerSteps);
    }

    [Fact]
    public async Task Replay_MixesConfiguredShareIntoBatches()
    {
        var settings = TestSettings.Load("impala.run.max-frames=8000", "impala.learner.batch-size=8", "impala.rollout.envs-per-actor=4",
            "impala.replay.capacity=100", "impala.replay.share=0.5");
        var outcome = await Train(settings);
        Assert.True(outcome.Final.UnrollsReplayed > 0);
        Assert.Equal(outcome.Final.UnrollsReplayed + outcome.Final.UnrollsUsed, outcome.Final.LearnerSteps * 8);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("one-step-is")]
    [InlineData("epsilon")]
    public async Task EveryCorrectionMethod_Trains(string correction)
    {
        var settings = TestSettings.Load("impala.run.max-frames=3200", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4",
            $"impala.learner.correction={correction}");
        var outcome = await Train(settings);
        Assert.True(double.IsFinite(outcome.Final.Last!.TotalLoss));
    }

    [Fact]
    public async Task MaxLag_DropsStaleUnrollsAndCountsThem()
    {
        var settings = TestSettings.Load("impala.run.max-frames=6400", "impala.learner.batch-size=4", "impala.rollout.envs-per-actor=4",
            "impala.rollout.sync=true", "impala.lag.mode=fixed", "impala.lag.k=3", "impala.learner.max-lag=2");
        var monitor = new TrainingMonitor(settings.Run.MaxFrames, null);
        var run = InProcessTrainer.RunAsync(settings, monitor, new InProcessTrainer.Options(), CancellationToken.None);
        // With lag 3 always above max-lag 2, training stalls after warm-up: stop it after drops were seen.
        var deadline = DateTime.UtcNow + Limit;
        while (!monitor.Snapshot().Dropped.ContainsKey("stale") && DateTime.UtcNow < deadline) await Task.Delay(20);
        monitor.Stop(StopReason.Interrupted);
        var outcome = await run.WaitAsync(Limit);
        Assert.True(outcome.Final.Dropped.GetValueOrDefault("stale") > 0);
        Assert.All(outcome.Final.LagHistogram.Keys, lag => Assert.InRange(lag, 0, 2));
    }
}
