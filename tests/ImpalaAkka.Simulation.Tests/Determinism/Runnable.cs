using Akka.Dispatch;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>An <see cref="IRunnable"/> around a delegate.</summary>
internal sealed class Runnable(Action run) : IRunnable
{
    public void Run() => run();

    public void Execute() => run();
}
