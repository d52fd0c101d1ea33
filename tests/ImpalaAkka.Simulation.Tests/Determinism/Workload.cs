using Akka.Actor;
using ImpalaAkka.Simulation.Determinism;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>
/// A non-trivial run: four peers pinging each other on periodic timers, children created and
/// stopped, supervision restarts, delayed one-shot tells (half cancelled), a peer stopped midway,
/// and the whole system terminated at the end.
/// </summary>
internal static class Workload
{
    public static TraceLog Run(int seed)
    {
        var trace = new TraceLog();
        var system = DeterministicActorSystem.Create("workload", seed);
        using (system)
        {
            var hub = system.System.ActorOf(Props.Create(() => new Hub(trace)), "hub");
            system.RunUntilIdle();
            hub.Tell(new Start());
            system.RunFor(TimeSpan.FromMilliseconds(60));
            hub.Tell(new StopPeer(2));
            system.RunFor(TimeSpan.FromMilliseconds(40));
            trace.Add(system.Now, "driver", $"dead letters {system.DeadLetters}, foreign enqueues {system.Pump.ForeignThreadEnqueues}");
        }
        trace.Add(system.Now, "driver", $"terminated after {system.Pump.Steps} steps");
        return trace;
    }
}
