namespace ImpalaAkka.Actors.Tests;

internal sealed record Add(int Amount);
internal sealed record Get;
internal sealed record Boom(string Kind);
internal sealed record Count(int Value);

/// <summary>Counts, reports its count, and throws on demand; lifecycle calls go to a probe.</summary>
internal sealed class Counter : ActorBase
{
    private readonly IActorRef? lifecycle;
    private int count;

    public Counter(IActorRef? lifecycle = null)
    {
        this.lifecycle = lifecycle;
        Receive<Add>(m => count += m.Amount);
        Receive<Get>(_ => Sender.Tell(new Count(count), Self));
        Receive<Boom>(m => throw (m.Kind == "arg" ? new ArgumentException("bad") : new InvalidOperationException("boom")));
    }

    protected override void PreStart() => lifecycle?.Tell("start");

    protected override void PostStop() => lifecycle?.Tell("stop");

    protected override void PostRestart(Exception reason)
    {
        lifecycle?.Tell("restart:" + reason.GetType().Name);
        base.PostRestart(reason);
    }
}

/// <summary>Supervises one Counter child with a given strategy and forwards everything to it.</summary>
internal sealed class Parent : ActorBase
{
    private readonly SupervisorStrategy strategy;

    public Parent(SupervisorStrategy strategy, IActorRef lifecycle)
    {
        this.strategy = strategy;
        var child = Context.ActorOf(Props.Create(() => new Counter(lifecycle)), "child");
        Receive<object>(m => child.Tell(m, Sender));
    }

    public override SupervisorStrategy SupervisorStrategy() => strategy;
}

/// <summary>Watches a target and forwards its <see cref="Terminated"/> to a probe.</summary>
internal sealed class WatchAndReport : ActorBase
{
    public WatchAndReport(IActorRef target, IActorRef report)
    {
        Context.Watch(target);
        Receive<Terminated>(t => report.Tell(t));
    }
}
