using Akka.Actor;
using Akka.Pattern;
using Akka.TestKit;
using ImpalaAkka.Impala.Roles;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Tests.Roles;

public sealed class RolloutNodeActorTests : RoleTestKit
{
    private static readonly SupervisionSettings Supervision = new(MaxRestarts: 3, Window: TimeSpan.FromMinutes(1),
        BackoffMin: TimeSpan.FromMilliseconds(100), BackoffMax: TimeSpan.FromMilliseconds(300));

    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    private sealed record Started(int Index, int Life);

    private sealed record Ping;

    private sealed record Pong(int Index, int Life);

    private sealed record Fail;

    private sealed class ChildFailure(int index, int life) : Exception($"child {index} fails in life {life}");

    /// <summary>A stand-in rollout actor: reports each start (its life counts the starts of its index) and answers pings; a failing one throws right after it starts.</summary>
    private sealed class Child : ReceiveActor
    {
        private readonly int index;
        private readonly int life;
        private readonly bool fails;
        private readonly IActorRef observer;

        public Child(int index, Func<int> nextLife, bool fails, IActorRef observer)
        {
            (this.index, life, this.fails, this.observer) = (index, nextLife(), fails, observer);
            Receive<Fail>(_ => throw new ChildFailure(index, life));
            Receive<Ping>(_ => Sender.Tell(new Pong(index, life)));
        }

        protected override void PreStart()
        {
            observer.Tell(new Started(index, life));
            if (fails) Self.Tell(new Fail());
        }
    }

    private IActorRef Resolve(string path)
    {
        var probe = CreateTestProbe();
        Sys.ActorSelection(path).Tell(new Identify(path), probe.Ref);
        return probe.ExpectMsg<ActorIdentity>().Subject ?? throw new InvalidOperationException($"expected an actor at {path}, got none");
    }

    /// <summary>
    /// Waits until <paramref name="supervisor"/> has counted <paramref name="restarts"/> restarts: it
    /// schedules the next start when it sees its child terminated, asynchronously, and the count is
    /// the one thing it shows of that. Virtual time must not move before then.
    /// </summary>
    private void AwaitRestartCount(IActorRef supervisor, int restarts)
    {
        var probe = CreateTestProbe();
        AwaitAssert(() =>
        {
            supervisor.Tell(BackoffSupervisor.GetRestartCount.Instance, probe.Ref);
            Assert.Equal(restarts, probe.ExpectMsg<BackoffSupervisor.RestartCount>().Count);
        }, TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(2));
    }

    [Fact]
    public void AlwaysFailingChild_IsRestartedWithBackoffThenGivenUp_WhileTheOthersKeepRunning()
    {
        var observer = CreateTestProbe();
        var stopped = CreateTestProbe();
        var lives = new int[3];
        Func<int, Props> createActor = i =>
        {
            Func<int> nextLife = () => Interlocked.Increment(ref lives[i]);
            return Props.Create(() => new Child(i, nextLife, i == 1, observer.Ref));
        };
        Action<string> onActorStopped = path => stopped.Tell(path);

        // Both filters are in place before anything fails: the node's error follows the fourth failure at once.
        var givenUp = EventFilter.Error(contains: "/user/node/rollout-1: rollout actor stopped for good");
        givenUp.ExpectOne(() => EventFilter.Exception<ChildFailure>().Expect(4, () =>
        {
            var node = Sys.ActorOf(Props.Create(() => new RolloutNodeActor(3, createActor, Supervision, onActorStopped)), "node");
            Assert.Equal([new Started(0, 1), new Started(1, 1), new Started(2, 1)],
                Enumerable.Range(0, 3).Select(_ => observer.ExpectMsg<Started>()).OrderBy(s => s.Index));
            var failing = Resolve("/user/node/rollout-1");

            // Back-off doubles from backoff-min and is capped at backoff-max: 100, 200, 300 ms.
            var backoffs = new[] { 100, 200, 300 };
            for (var restart = 1; restart <= 3; restart++)
            {
                AwaitRestartCount(failing, restart);
                Advance(TimeSpan.FromMilliseconds(backoffs[restart - 1]) - Millisecond);
                Settle(failing);
                AssertNothingFor(observer);
                Advance(Millisecond);
                Assert.Equal(new Started(1, restart + 1), observer.ExpectMsg<Started>());
            }

            // The fourth failure exceeds max-restarts: the supervisor gives up, the node reports it.
            Assert.Equal("/user/node/rollout-1", stopped.ExpectMsg<string>());
            Settle(node);
        }));

        var pinger = CreateTestProbe();
        foreach (var i in new[] { 0, 2 }) Sys.ActorSelection($"/user/node/rollout-{i}").Tell(new Ping(), pinger.Ref);
        Assert.Equal([new Pong(0, 1), new Pong(2, 1)], new[] { pinger.ExpectMsg<Pong>(), pinger.ExpectMsg<Pong>() }.OrderBy(p => p.Index));
        Assert.Equal([1, 4, 1], lives);
        AssertNothingFor(observer);
        AssertNothingFor(stopped);
    }

    [Fact]
    public void EveryChildGivenUp_ReportsTheNodeEmptyOnce_AfterTheLast()
    {
        var observer = CreateTestProbe();
        var stopped = CreateTestProbe();
        var empty = CreateTestProbe();
        var noRestarts = Supervision with { MaxRestarts = 0 };
        Func<int, Props> createActor = i => Props.Create(() => new Child(i, () => 1, true, observer.Ref));
        Action<string> onActorStopped = path => stopped.Tell(path);
        Action onAllStopped = () => empty.Tell("empty");
        EventFilter.Exception<ChildFailure>().Expect(2, () =>
        {
            Sys.ActorOf(Props.Create(() => new RolloutNodeActor(2, createActor, noRestarts, onActorStopped, onAllStopped)), "node");
            Assert.Equal(["/user/node/rollout-0", "/user/node/rollout-1"], new[] { stopped.ExpectMsg<string>(), stopped.ExpectMsg<string>() }.Order());
        });
        Assert.Equal("empty", empty.ExpectMsg<string>());
        AssertNothingFor(empty);
    }

    [Fact]
    public void ChildFailingMaxRestartsTimes_ThenHealthyForTheWindow_IsRestartedAgainNotGivenUp()
    {
        var observer = CreateTestProbe();
        var stopped = CreateTestProbe();
        var lives = 0;
        Func<int, Props> createActor = i =>
        {
            Func<int> nextLife = () => Interlocked.Increment(ref lives);
            return Props.Create(() => new Child(i, nextLife, false, observer.Ref));
        };
        Action<string> onActorStopped = path => stopped.Tell(path);
        EventFilter.Exception<ChildFailure>().Expect(4, () =>
        {
            Sys.ActorOf(Props.Create(() => new RolloutNodeActor(1, createActor, Supervision, onActorStopped)), "node");
            Assert.Equal(new Started(0, 1), observer.ExpectMsg<Started>());
            var supervisor = Resolve("/user/node/rollout-0");
            void FailAndExpectRestart(int count, int backoffMs, int life)
            {
                Sys.ActorSelection("/user/node/rollout-0/actor").Tell(new Fail());
                AwaitRestartCount(supervisor, count);
                Advance(TimeSpan.FromMilliseconds(backoffMs));
                Assert.Equal(new Started(0, life), observer.ExpectMsg<Started>());
            }

            FailAndExpectRestart(1, 100, 2);
            FailAndExpectRestart(2, 200, 3);
            FailAndExpectRestart(3, 300, 4);
            // A whole window without failing resets the count (and the back-off): the next failure is a first restart again.
            Advance(Supervision.Window);
            AwaitRestartCount(supervisor, 0);
            FailAndExpectRestart(1, 100, 5);
        });
        AssertNothingFor(stopped);
    }
}
