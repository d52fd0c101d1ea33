using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ImpalaAkka.Impala.Tests.Protocol;

/// <summary>
/// The learner's exactly-once book and the queue's book together, against random sequences of
/// publishes (and re-publishes), deliveries, redeliveries, duplicated and lost messages, learner
/// steps, checkpoints and crashes (see <see cref="ExactlyOnceModel"/> for the invariants). Fixed
/// replay seeds: every run checks the same scenarios.
/// </summary>
public sealed class ExactlyOnceProperties
{
    private static readonly Gen<FaultOpKind> Kinds = Gen.Frequency(
        (16, Gen.Constant(FaultOpKind.Publish)),
        (4, Gen.Constant(FaultOpKind.Republish)),
        (18, Gen.Constant(FaultOpKind.Deliver)),
        (3, Gen.Constant(FaultOpKind.DuplicateDelivery)),
        (3, Gen.Constant(FaultOpKind.LoseDelivery)),
        (18, Gen.Constant(FaultOpKind.Notify)),
        (3, Gen.Constant(FaultOpKind.LoseNotice)),
        (10, Gen.Constant(FaultOpKind.Step)),
        (5, Gen.Constant(FaultOpKind.Checkpoint)),
        (2, Gen.Constant(FaultOpKind.Crash)),
        (3, Gen.Constant(FaultOpKind.ConsumeTick)),
        (5, Gen.Constant(FaultOpKind.Tick)),
        (1, Gen.Constant(FaultOpKind.SpuriousConsumerGone)));

    private static readonly Gen<FaultOp> Ops =
        from kind in Kinds
        from a in Gen.Choose(0, 999)
        from b in Gen.Choose(0, 999)
        select new FaultOp(kind, a, b);

    private static Arbitrary<(int BatchSize, FaultOp[] Ops)> Scenarios(int maxOps) =>
        Arb.From(
            from batchSize in Gen.Choose(1, 3)
            from count in Gen.Choose(0, maxOps)
            from ops in Gen.ArrayOf(Ops, count)
            select (batchSize, ops),
            Shrink);

    /// <summary>Shorter runs first: drop halves, then single ops, so a failure shrinks to the ops that matter.</summary>
    private static IEnumerable<(int BatchSize, FaultOp[] Ops)> Shrink((int BatchSize, FaultOp[] Ops) scenario)
    {
        var ops = scenario.Ops;
        if (ops.Length > 1)
        {
            yield return (scenario.BatchSize, ops[..(ops.Length / 2)]);
            yield return (scenario.BatchSize, ops[(ops.Length / 2)..]);
        }
        for (var i = ops.Length - 1; i >= 0; i--) yield return (scenario.BatchSize, [.. ops[..i], .. ops[(i + 1)..]]);
        if (scenario.BatchSize > 1) yield return (scenario.BatchSize - 1, ops);
    }

    [Property(Replay = "(15485863,32452843)", MaxTest = 400, QuietOnSuccess = true)]
    public Property BookAndQueue_RandomFaultsAndCrashes_LearnEachUnrollOnceOrDropIt() =>
        Prop.ForAll(Scenarios(maxOps: 120), s => new ExactlyOnceModel(s.BatchSize).Run(s.Ops));

    [Property(Replay = "(49979687,86028121)", MaxTest = 60, QuietOnSuccess = true)]
    public Property BookAndQueue_LongRuns_LearnEachUnrollOnceOrDropIt() =>
        Prop.ForAll(Scenarios(maxOps: 600), s => new ExactlyOnceModel(s.BatchSize).Run(s.Ops));
}
