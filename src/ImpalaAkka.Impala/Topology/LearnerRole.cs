using Akka.Actor;
using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Training;

namespace ImpalaAkka.Impala.Topology;

/// <summary>A learner's place in the graph: how it starts (see <see cref="LearnerStart"/>), where it publishes, its replay, scoreboard and checkpoint store.</summary>
public sealed record LearnerRole(Func<LearnerStart> Start, IActorRef ParameterServer, IActorRef? Replay, TrainingMonitor Monitor)
{
    public ICheckpointStore? Store { get; init; }

    public IRunObserver Observer { get; init; } = NoObserver.Instance;
}
