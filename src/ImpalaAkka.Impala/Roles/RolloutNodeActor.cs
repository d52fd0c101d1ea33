using ImpalaAkka.Actors;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// The node guardian: creates the node's rollout actors and supervises them. A rollout actor that
/// throws (its environment included) is restarted with exponential back-off; one that fails more
/// than <c>max-restarts</c> times within <c>window</c> is stopped, and training goes on with the rest.
/// </summary>
public sealed class RolloutNodeActor : ActorBase
{
    private readonly SupervisionSettings supervision;
    private readonly Action<string>? onActorStopped;

    /// <param name="createActor">Props for rollout actor <c>i</c>; called once per actor (the Props' factory runs again on each restart).</param>
    public RolloutNodeActor(int actors, Func<int, Props> createActor, SupervisionSettings supervision, Action<string>? onActorStopped = null)
    {
        this.supervision = supervision;
        this.onActorStopped = onActorStopped;
        for (var i = 0; i < actors; i++)
        {
            Context.Watch(Context.ActorOf(createActor(i), $"rollout-{i}"));
        }
        Receive<Terminated>(m =>
        {
            Context.System.Publish(new ActorEvent(ActorEventLevel.Error, m.Actor.Path, "rollout actor stopped for good; training continues without it"));
            onActorStopped?.Invoke(m.Actor.Path);
        });
    }

    public override SupervisorStrategy SupervisorStrategy() => new(_ => Directive.Restart)
    {
        MaxRetries = supervision.MaxRestarts,
        Window = supervision.Window,
        OnLimitExceeded = Directive.Stop,
        Backoff = Actors.SupervisorStrategy.Exponential(supervision.BackoffMin, supervision.BackoffMax),
    };
}
