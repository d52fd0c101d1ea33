using Akka.Actor;
using Akka.Event;
using Akka.Pattern;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// The node guardian: creates the node's rollout actors, each under its own back-off supervisor. A
/// rollout actor that throws (its environment included) is stopped and started again (a fresh
/// instance, a fresh incarnation) after an exponential back-off from <c>backoff-min</c> to
/// <c>backoff-max</c>; its supervisor gives up after <c>max-restarts</c> restarts with no healthy
/// stretch of <c>window</c> between them (a start that lasts <c>window</c> resets the count and the
/// back-off), and training goes on with the rest. When the last one has stopped for good no unroll
/// can come any more, and <c>onAllStopped</c> says so (the in-process run ends on it).
/// </summary>
public sealed class RolloutNodeActor : ReceiveActor
{
    private readonly ILoggingAdapter log = Context.GetLogger();
    private readonly Action<string>? onActorStopped;
    private readonly Action? onAllStopped;
    private int running;

    /// <param name="createActor">Props for rollout actor <c>i</c>; called once per actor (its factory runs again on each restart).</param>
    public RolloutNodeActor(int actors, Func<int, Props> createActor, SupervisionSettings supervision, Action<string>? onActorStopped = null, Action? onAllStopped = null)
    {
        this.onActorStopped = onActorStopped;
        this.onAllStopped = onAllStopped;
        running = actors;
        for (var i = 0; i < actors; i++)
        {
            var options = Backoff.OnFailure(createActor(i), "actor", supervision.BackoffMin, supervision.BackoffMax, randomFactor: 0,
                    maxNrOfRetries: supervision.MaxRestarts)
                // Reset after a healthy window: Akka's time-range reset of the restart count never fires
                // (it is scheduled for count 0 and compared after the count has moved on).
                .WithAutoReset(supervision.Window)
                .WithSupervisorStrategy(new OneForOneStrategy(supervision.MaxRestarts, null, _ => Directive.Restart));
            var child = Context.ActorOf(BackoffSupervisor.Props(options), $"rollout-{i}");
            Context.Watch(child);
        }
        Receive<Terminated>(OnTerminated);
    }

    private void OnTerminated(Terminated m)
    {
        log.Error("{0}: rollout actor stopped for good; training continues without it", m.ActorRef.Path.ToStringWithoutAddress());
        onActorStopped?.Invoke(m.ActorRef.Path.ToStringWithoutAddress());
        if (--running == 0)
        {
            log.Error("every rollout actor of this node stopped for good (more than max-restarts failures each); no unroll can come from it");
            onAllStopped?.Invoke();
        }
    }
}
