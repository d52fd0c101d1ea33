using Akka.Actor;
using ImpalaAkka.Impala.Messages;
using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Roles;

/// <summary>
/// Holds the last <c>keepVersions</c> published parameter versions and delivers one to each
/// subscribed rollout actor on every (repeated) subscription and after every publish: the latest, or an older one
/// chosen by the <see cref="LagInjector"/> (clamped to the oldest kept), or the latest after a delay.
/// Never hands out a version newer than the latest published.
/// </summary>
public sealed class ParameterServerActor : ReceiveActor
{
    private readonly LinkedList<PolicyParameters> versions = new();
    private readonly List<IActorRef> subscribers = []; // delivery order = subscription order, in every process
    private readonly int keepVersions;
    private readonly LagInjector lag;

    public ParameterServerActor(int keepVersions, LagInjector lag)
    {
        this.keepVersions = keepVersions;
        this.lag = lag;
        Receive<PublishParameters>(m => OnPublish(m.Parameters));
        Receive<SubscribeParameters>(_ => OnSubscribe(Sender));
        Receive<Terminated>(m => subscribers.Remove(m.ActorRef));
    }

    private void OnPublish(PolicyParameters parameters)
    {
        if (versions.Last is { } latest && parameters.Version <= latest.Value.Version)
        {
            throw new InvalidOperationException($"versions must increase: got {parameters.Version} after {latest.Value.Version}");
        }
        versions.AddLast(parameters);
        while (versions.Count > keepVersions) versions.RemoveFirst();
        foreach (var subscriber in subscribers) Deliver(subscriber);
    }

    private void OnSubscribe(IActorRef subscriber)
    {
        if (!subscribers.Contains(subscriber))
        {
            subscribers.Add(subscriber);
            Context.Watch(subscriber);
        }
        if (versions.Count > 0) Deliver(subscriber);
    }

    private void Deliver(IActorRef subscriber)
    {
        var back = lag.NextLag();
        var node = versions.Last!;
        for (var i = 0; i < back && node.Previous is not null; i++) node = node.Previous;
        var delivery = new ParameterDelivery(node.Value, versions.Last!.Value.Version);
        var delay = lag.DeliveryDelay;
        if (delay > TimeSpan.Zero) Context.System.Scheduler.ScheduleTellOnce(delay, subscriber, delivery, Self);
        else subscriber.Tell(delivery, Self);
    }
}
