using ImpalaAkka.Impala.Model;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Tests.Model;

/// <summary>
/// TorchSharp 0.107 frees a temporary Scalar (from <c>t + 0.01</c>) in its finaliser, possibly while libtorch still reads
/// it. <c>IMPALA_SCALAR_STRESS=100000</c> runs the stress test long and also counts the failures of the temporary form
/// (measured: 3 of 100,000 additions failed with "Expected false to be true", 0 of 100,000 with held scalars).
/// </summary>
public sealed class HeldScalarsTests
{
    [Fact]
    public void HeldScalar_SurvivesCollectionsAndFinalisers_AndIsTheSameObjectEachTime()
    {
        using var scalars = new HeldScalars();
        var first = scalars[0.25];
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var scope = NewDisposeScope();
        Assert.Same(first, scalars[0.25]);
        Assert.Equal(1.25f, ones(3).add(scalars[0.25], scalars.One)[2].item<float>());
    }

    [Fact]
    public void ChangingValues_AreRefusedPastTheBound()
    {
        using var scalars = new HeldScalars();
        for (var i = 0; i < HeldScalars.MaxValues; i++) _ = scalars[i];
        Assert.Contains("more than 64 held scalars", Assert.Throws<InvalidOperationException>(() => scalars[-1]).Message);
    }

    [Fact]
    public void AdditionsWithHeldScalars_UnderConstantCollections_AllSucceed()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("IMPALA_SCALAR_STRESS"), out var n) && n > 0 ? n : 1000;
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                _ = new byte[64 * 1024];
                GC.Collect(0);
            }
        });
        collector.Start();
        try
        {
            using var scalars = new HeldScalars();
            Assert.Equal(0, Failures(iterations, t => t.add(scalars[0.01], scalars.One)));
            if (n > 0) Console.WriteLine($"temporary scalars: {Failures(iterations, t => t + 0.01)} of {iterations} additions failed");
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }

    private static int Failures(int iterations, Func<Tensor, Tensor> addHundredth)
    {
        var failures = 0;
        for (var i = 0; i < iterations; i++)
        {
            using var scope = NewDisposeScope();
            try
            {
                if (Math.Abs(addHundredth(ones(64))[0].item<float>() - 1.01f) > 1e-6f) failures++;
            }
            catch (System.Runtime.InteropServices.ExternalException)
            {
                failures++;
            }
        }
        return failures;
    }
}
