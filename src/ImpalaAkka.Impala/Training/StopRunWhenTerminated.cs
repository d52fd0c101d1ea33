using ImpalaAkka.Actors;

namespace ImpalaAkka.Impala.Training;

/// <summary>Watches an actor (the in-process learner) and ends the run if it stops: without a learner nothing can progress.</summary>
public sealed class StopRunWhenTerminated : ActorBase
{
    public StopRunWhenTerminated(IActorRef watched, TrainingMonitor monitor, string reason)
    {
        Context.Watch(watched);
        Receive<Terminated>(_ => monitor.Stop(reason));
    }
}
