using Akka.Actor;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>Answers one job and stops.</summary>
internal sealed class Worker : ReceiveActor
{
    private readonly TraceLog trace;

    public Worker(TraceLog trace)
    {
        this.trace = trace;
        Receive<Job>(job =>
        {
            trace.Add(Context, $"job {job.Number}");
            Sender.Tell(new Done(job.Number));
            Context.Stop(Self);
        });
    }

    protected override void PostStop() => trace.Add(Context, "stop");
}
