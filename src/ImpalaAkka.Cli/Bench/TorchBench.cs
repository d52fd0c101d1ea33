using System.Diagnostics;
using ImpalaAkka.Impala.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// Micro-benchmarks of libtorch through TorchSharp: call overhead, and forward+backward of the two
/// network sizes IMPALA uses here. Each case warms up, then repeats for at least the given time.
/// </summary>
internal sealed class TorchBench(TimeSpan minimumTime)
{
    /// <summary>Learner batch: T = 20 steps x B = 32 unrolls.</summary>
    public const int LearnerBatch = 640;

    public IEnumerable<BenchResult> Run()
    {
        yield return PInvokeOverhead();
        yield return Time("tensor add [1] incl. alloc+free", "us", 1e6, () =>
        {
            using var a = zeros(1);
            using var b = a.add(a);
        });
        foreach (var result in Networks())
        {
            yield return result;
        }
    }

    /// <summary>TorchSharp's cheapest native call (at::get_num_threads behind one P/Invoke).</summary>
    private BenchResult PInvokeOverhead()
    {
        const int calls = 1_000_000;
        long sink = 0;
        var stopwatch = Stopwatch.StartNew();
        long total = 0;
        while (stopwatch.Elapsed < minimumTime)
        {
            for (var i = 0; i < calls; i++)
            {
                sink += get_num_threads();
            }
            total += calls;
        }
        GC.KeepAlive(sink);
        return new BenchResult("P/Invoke round trip (trivial export)", stopwatch.Elapsed.TotalNanoseconds / total, "ns", total);
    }

    private IEnumerable<BenchResult> Networks()
    {
        TorchRuntime.ManualSeed(0);
        // CartPole-sized actor-critic: 4 -> 64 -> 64 -> 2 logits + 1 value.
        using var mlp = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 3));
        // The 10x10 grid-game net: conv 3x3 16 ch, FC 128, 3 logits + 1 value; 4 input channels.
        using var conv = nn.Sequential(nn.Conv2d(4, 16, 3, padding: 1), nn.ReLU(), nn.Flatten(),
            nn.Linear(16 * 10 * 10, 128), nn.ReLU(), nn.Linear(128, 4));
        using var mlpInput = rand(LearnerBatch, 4);
        using var convInput = rand(LearnerBatch, 4, 10, 10);
        using var actInput = rand(32, 4);

        yield return Time($"MLP forward+backward, batch {LearnerBatch}", "ms", 1e3, () => FwdBwd(mlp, mlpInput));
        yield return Time($"conv net forward+backward, batch {LearnerBatch}", "ms", 1e3, () => FwdBwd(conv, convInput));
        yield return Time("MLP forward, batch 32, no grad (acting)", "us", 1e6, () =>
        {
            using var noGrad = no_grad();
            using var y = mlp.call(actInput);
        });
    }

    private static void FwdBwd(nn.Module<Tensor, Tensor> net, Tensor input)
    {
        using var scope = NewDisposeScope();
        net.zero_grad();
        net.call(input).square().mean().backward();
    }

    private BenchResult Time(string name, string unit, double unitsPerSecond, Action body)
    {
        var (iterations, seconds) = BenchTimer.Repeat(minimumTime, body);
        return new BenchResult(name, seconds * unitsPerSecond / iterations, unit, iterations);
    }
}
