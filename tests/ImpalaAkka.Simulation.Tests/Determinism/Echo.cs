using Akka.Actor;
using Akka.Event;

namespace ImpalaAkka.Simulation.Tests.Determinism;

/// <summary>Answers strings: "warn" logs a warning first, "fail" answers a failure, "silent" nothing; an int makes it throw.</summary>
internal sealed class Echo : ReceiveActor
{
    public Echo()
    {
        var log = Context.GetLogger();
        Receive<string>(text =>
        {
            switch (text)
            {
                case "silent":
                    return;
                case "fail":
                    Sender.Tell(new Status.Failure(new InvalidOperationException("refused")));
                    return;
                case "warn":
                    log.Warning("asked to warn");
                    break;
            }
            Sender.Tell($"echo {text}");
        });
        Receive<int>(n => throw new InvalidOperationException($"failing on {n}"));
    }
}
