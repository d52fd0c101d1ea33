namespace ImpalaAkka.Actors;

/// <summary>Sends messages later, by the system's clock.</summary>
public interface IScheduler
{
    IClock Clock { get; }

    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null);
}
