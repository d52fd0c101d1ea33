using System.Diagnostics;

namespace ImpalaAkka.Cli.Bench;

/// <summary>Runs a body 10 times to warm up, then repeatedly for at least the minimum time (and 10 times).</summary>
internal static class BenchTimer
{
    public static (long Iterations, double Seconds) Repeat(TimeSpan minimum, Action body)
    {
        for (var i = 0; i < 10; i++) body();
        var stopwatch = Stopwatch.StartNew();
        long iterations = 0;
        while (stopwatch.Elapsed < minimum || iterations < 10)
        {
            body();
            iterations++;
        }
        return (iterations, stopwatch.Elapsed.TotalSeconds);
    }
}
