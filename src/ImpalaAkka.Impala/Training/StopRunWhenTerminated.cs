using Akka.Actor;

namespace ImpalaAkka.Impala.Training;

/// <summary>Watches an actor (the learner) and ends the run if it stops: without a learner nothing can progress.</summary>
public sealed class StopRunWhenTerminated : ReceiveActor
{
    public StopRunWhenTerminated(IActorRef watched, TrainingMonitor monitor, StopReason reason)
    {
        Context.Watch(watched);
        Receive<Terminated>(_ => monitor.Stop(reason));
    }
}
