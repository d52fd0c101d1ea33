namespace ImpalaAkka.Simulation;

/// <summary>What a simulation run produced. <c>TraceSha256</c> and <c>ParamsSha256</c> are equal for equal seeds and configs.</summary>
public sealed record SimResult(
    int Seed,
    string StopReason,
    double VirtualSeconds,
    double WallSeconds,
    string TraceSha256,
    string ParamsSha256,
    long TraceLines,
    long Frames,
    long Episodes,
    long LearnerSteps,
    long FinalVersion,
    double? ReturnMean100,
    long? FramesToTarget,
    double LagMean,
    long LagMax,
    IReadOnlyDictionary<string, long> LagHistogram,
    long UnrollsAccepted,
    long UnrollsLearned,
    IReadOnlyDictionary<string, long> UnrollsDropped,
    long UnrollsQueuedAtEnd,
    long Lost,
    long LearnedTwice,
    long MessagesSent,
    long MessagesLost,
    long MessagesDuplicated,
    long Redeliveries,
    long ActorRestarts,
    IReadOnlyList<string> Faults,
    IReadOnlyList<string> Violations)
{
    public bool InvariantsHeld => Violations.Count == 0;
}
