using System.Diagnostics;
using ImpalaAkka.Torch;
using ImpalaAkka.Torch.Modules;

namespace ImpalaAkka.Cli.Bench;

/// <summary>
/// Micro-benchmarks of the libtorch binding: call overhead, and forward+backward of the two
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
            using var a = Tensor.Zeros([1]);
            using var b = a.Add(a);
        });
        foreach (var result in Networks())
        {
            yield return result;
        }
    }

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
                sink += Libtorch.LiveTensors;
            }
            total += calls;
        }
        GC.KeepAlive(sink);
        return new BenchResult("P/Invoke round trip (trivial export)", stopwatch.Elapsed.TotalNanoseconds / total, "ns", total);
    }

    private IEnumerable<BenchResult> Networks()
    {
        Libtorch.ManualSeed(0);
        // CartPole-sized actor-critic: 4 -> 64 -> 64 -> 2 logits + 1 value.
        using var mlp = new Sequential(new Linear(4, 64), new Relu(), new Linear(64, 64), new Relu(), new Linear(64, 3));
        // The 10x10 grid-game net: conv 3x3 16 ch, FC 128, 3 logits + 1 value; 4 input channels.
        using var conv = new Sequential(new Conv2d(4, 16, 3, padding: 1), new Relu(), new Flatten(),
            new Linear(16 * 10 * 10, 128), new Relu(), new Linear(128, 4));
        using var mlpInput = DisposeScope.Detach(Tensor.Rand([LearnerBatch, 4]));
        using var convInput = DisposeScope.Detach(Tensor.Rand([LearnerBatch, 4, 10, 10]));
        using var actInput = DisposeScope.Detach(Tensor.Rand([32, 4]));

        yield return Time($"MLP forward+backward, batch {LearnerBatch}", "ms", 1e3, () => FwdBwd(mlp, mlpInput));
        yield return Time($"conv net forward+backward, batch {LearnerBatch}", "ms", 1e3, () => FwdBwd(conv, convInput));
        yield return Time("MLP forward, batch 32, no grad (acting)", "us", 1e6, () =>
        {
            using var noGrad = Libtorch.NoGrad();
            using var y = mlp.Forward(actInput);
        });
    }

    private static void FwdBwd(Module net, Tensor input)
    {
        using var scope = DisposeScope.Begin();
        net.ZeroGrad();
        ((Layer)net).Forward(input).Square().Mean().Backward();
    }

    private BenchResult Time(string name, string unit, double unitsPerSecond, Action body)
    {
        var (iterations, seconds) = BenchTimer.Repeat(minimumTime, body);
        return new BenchResult(name, seconds * unitsPerSecond / iterations, unit, iterations);
    }

    /// <summary>The BLAS shared object this process has mapped (libtorch loads it), from /proc/self/maps.</summary>
    public static string LoadedBlas()
    {
        try
        {
            var libraries = File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
                .Where(path => path.Contains("blas", StringComparison.OrdinalIgnoreCase))
                .Distinct()
                .ToList();
            return libraries.Count == 0 ? "none mapped" : string.Join(", ", libraries);
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
