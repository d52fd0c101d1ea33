using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Simulation.Trace;

namespace ImpalaAkka.Simulation.Tests;

/// <summary>Short deterministic scenarios of the whole system, each with exact assertions. They share libtorch's global state, so they run one at a time.</summary>
[Collection(nameof(ScenarioTests))]
public sealed class ScenarioTests
{
    [Fact]
    public void Interrupted_AtAVirtualSecond_EndsThereWithItsInvariants_TheSameRunEachTime()
    {
        (SimResult Result, int Snapshots) InterruptAtThirdSecond()
        {
            using var stop = new CancellationTokenSource();
            var snapshots = 0;
            var (result, _) = Scenario.Run(_ => { if (++snapshots == 3) stop.Cancel(); }, ["impala.seed=3", Scenario.Events("1.5s crash rollout-1", "2.5s restart rollout-1")], stop.Token);
            return (result, snapshots);
        }
        var (a, snapshotsA) = InterruptAtThirdSecond();
        var (b, _) = InterruptAtThirdSecond();
        Assert.InRange(a.VirtualSeconds, 3.0, 4.0);
        Assert.Equal(4, snapshotsA); // the third second's, and the final one
        Scenario.AssertInvariants(a, "interrupted");
        Assert.Equal(a.TraceSha256, b.TraceSha256);
        Assert.Equal(a.ParamsSha256, b.ParamsSha256);
    }

    [Fact]
    public void SameSeedTwice_IdenticalTraceAndParameters_OtherSeedDiffers()
    {
        string[] faults = ["impala.sim.network.drop=0.02", "impala.sim.network.duplicate=0.02", "impala.sim.network.reorder=0.1",
            Scenario.Events("2s crash rollout-1", "3s restart rollout-1", "4s crash learner", "4.5s restart learner")];
        var (a, _) = Scenario.Run([.. faults, "impala.seed=7"]);
        var (b, _) = Scenario.Run([.. faults, "impala.seed=7"]);
        var (c, _) = Scenario.Run([.. faults, "impala.seed=8"]);
        Assert.Equal(a.TraceSha256, b.TraceSha256);
        Assert.Equal(a.ParamsSha256, b.ParamsSha256);
        Assert.Equal(a.TraceLines, b.TraceLines);
        Assert.NotEqual(a.TraceSha256, c.TraceSha256);
        Assert.NotEqual(a.ParamsSha256, c.ParamsSha256);
        Scenario.AssertInvariants(a);
        Scenario.AssertInvariants(c);
    }

    [Fact]
    public void LearnerCrash_BetweenReceivingABatchAndAcking_LosesNothingAndLearnsNothingTwice()
    {
        // Steps take 200ms of virtual time, so a crash almost surely lands while a batch is held but not yet acked.
        var (r, trace) = Scenario.Run("impala.sim.step-cost=200ms", Scenario.Events("3.05s crash learner", "3.5s restart learner"));
        Scenario.AssertInvariants(r);
        var crash = IndexOf(trace, e => e is FaultApplied { Fault.Kind: FaultKind.Crash, Fault.A: "learner" });
        var lastStepBefore = trace.Take(crash).OfType<LearnerStepped>().Last();
        var restored = IndexOf(trace, e => e is LearnerRestored);
        Assert.Equal(lastStepBefore.Step, ((LearnerRestored)trace[restored]).Step);
        Assert.Single(trace.OfType<LearnerRestored>());
        // What the dead learner held came back as redeliveries to the new one.
        Assert.Contains(trace.Skip(restored), e => e is MessageDelivered { From: "broker", To: "learner", Message: { Type: var t, Redelivered: true } } && t == typeof(UnrollDelivery));
    }

    [Fact]
    public void LearnerCrash_BeforeItsFirstCheckpoint_RestartsFreshAndRepublishesVersionZero()
    {
        // Found by the fault-schedule search (schedule 6341): the first batch needs a round (80ms) and a step, so at 50ms
        // nothing is durable yet; the new learner starts fresh, publishing version 0 again with the same seeded weights.
        var (r, trace) = Scenario.Run(Scenario.Events("0.05s crash learner", "0.3s restart learner"));
        Scenario.AssertInvariants(r);
        Assert.Empty(trace.OfType<LearnerRestored>());
        var restart = IndexOf(trace, e => e is FaultApplied { Fault.Kind: FaultKind.Restart });
        Assert.Empty(trace.Take(restart).OfType<LearnerStepped>());
        Assert.Equal(1, trace.Skip(restart).OfType<LearnerStepped>().First().Step);
    }

    [Fact]
    public void ParameterBroadcastLost_ForOneNode_ItsLagGrowsThenRecovers()
    {
        var (r, trace) = Scenario.Run(Scenario.Events("2s drop-params rollout-1 2s"));
        Scenario.AssertInvariants(r);
        var lags = Scenario.LearnedLags(trace).ToList();
        long MaxLag(string node, double from, double to) =>
            lags.Where(l => l.Node == node && l.At.TotalSeconds >= from && l.At.TotalSeconds < to).Select(l => l.Lag).DefaultIfEmpty(-1).Max();
        var during = MaxLag("rollout-1", 3, 4.2);
        var otherDuring = MaxLag("rollout-0", 3, 4.2);
        var after = MaxLag("rollout-1", 4.6, 6);
        Assert.True(during > otherDuring + 10, $"rollout-1 lag {during} should grow beyond rollout-0's {otherDuring} while its broadcasts are lost");
        Assert.True(after >= 0 && after <= otherDuring + 3, $"rollout-1 lag {after} should recover after the window");
    }

    [Fact]
    public void PartitionOfARolloutNodeFromTheBroker_ThenHeal_ItsUnrollsArriveAfterwards()
    {
        var (r, trace) = Scenario.Run(Scenario.Events("2s partition rollout-0 broker 2s"));
        Scenario.AssertInvariants(r);
        static bool UnrollFromNode0(string from, string to, MessageSummary m) => from == "rollout-0" && to == "broker" && m.Type == typeof(Unroll);
        var times = trace.OfType<MessageDelivered>().Where(d => UnrollFromNode0(d.From, d.To, d.Message)).Select(d => d.At.TotalSeconds).ToList();
        Assert.DoesNotContain(times, t => t > 2.0 && t < 4.0);
        Assert.Contains(times, t => t >= 4.0);
        Assert.Contains(trace.OfType<MessageLost>(), l => UnrollFromNode0(l.From, l.To, l.Message) && l.Reason == "partition");
    }

    [Fact]
    public void RolloutNodeCrashLooping_TrainingGoesOn()
    {
        var events = Enumerable.Range(0, 6).SelectMany(i => new[] { $"{1 + i}s crash rollout-1", $"{1.5 + i}s restart rollout-1" }).ToArray();
        var (r, trace) = Scenario.Run(Scenario.Events(events));
        Scenario.AssertInvariants(r);
        Assert.Equal(12, r.Faults.Count);
        // Each incarnation of rollout-1 produced under its own fresh seeds (incarnation in the actor id is 1; the node name carries the restart).
        Assert.True(Scenario.LearnedLags(trace).Count(l => l.Node == "rollout-1") > 0);
    }

    [Fact]
    public void ReplayUnderLag_InvariantsHold_AndReplayIsUsed()
    {
        var (r, _) = Scenario.Run("impala.replay.capacity=200", "impala.replay.share=0.5", "impala.learner.batch-size=8",
            "impala.lag.mode=fixed", "impala.lag.k=4");
        Scenario.AssertInvariants(r);
        Assert.True(r.LagMax >= 4);
    }

    [Fact]
    public void FixedLagK_InSyncMode_EveryLearnedUnrollHasLagKAfterWarmUp()
    {
        const int k = 3;
        var (r, trace) = Scenario.Run("impala.rollout.sync=true", "impala.sim.rollout-nodes=1", "impala.lag.mode=fixed", $"impala.lag.k={k}",
            "impala.run.max-frames=4000");
        Scenario.AssertInvariants(r);
        var lags = Scenario.LearnedLags(trace).Select(l => l.Lag).ToList();
        Assert.Equal(Enumerable.Range(0, k).SelectMany(i => Enumerable.Repeat((long)i, 4)), lags.Take(4 * k));
        Assert.All(lags.Skip(4 * k), lag => Assert.Equal(k, lag));
    }

    private static int IndexOf(IReadOnlyList<TraceEvent> trace, Func<TraceEvent, bool> match)
    {
        for (var i = 0; i < trace.Count; i++)
        {
            if (match(trace[i])) return i;
        }
        throw new InvalidOperationException("no such event in the trace");
    }
}
