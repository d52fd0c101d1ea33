using ImpalaAkka.Impala.Learning;
using ImpalaAkka.Impala.Model;
using ImpalaAkka.Impala.Tests.Learning;
using TorchSharp;

namespace ImpalaAkka.Impala.Tests.Model;

/// <summary>Why a CUDA test cannot run here, or null when it can; asked of libtorch once per process.</summary>
internal static class CudaAvailability
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public static string? SkipReason => Reason.Value;

    private static string? Probe()
    {
        try
        {
            // Attributes are built at discovery, before any test touches libtorch, so this is where
            // an external (CUDA) libtorch named by the environment must be preloaded: once TorchSharp
            // has loaded a libtorch, another cannot be mapped beside it.
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TorchRuntime.LibraryDirVariable))) TorchRuntime.Configure(1);
            if (TorchRuntime.CudaDeviceCount > 0) return null;
            return TorchRuntime.ExternalLibraryDir is { } dir
                ? $"no CUDA device: the libtorch in {dir} sees none"
                : "no CUDA device: the bundled libtorch is CPU-only; build with -p:ImpalaLibtorch=external and set " +
                  $"{TorchRuntime.LibraryDirVariable} to a CUDA libtorch 2.10's lib folder";
        }
        catch (Exception e)
        {
            // TorchSharpLoadTests fail with the same cause; a skip here keeps discovery going.
            return $"no CUDA device: libtorch did not load ({e.GetType().Name}: {e.Message})";
        }
    }
}

/// <summary>A fact that needs a CUDA device; skipped, saying why, where libtorch sees none.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (CudaAvailability.SkipReason is { } reason) Skip = reason;
    }
}

/// <summary>A theory that needs a CUDA device; skipped, saying why, where libtorch sees none.</summary>
public sealed class CudaTheoryAttribute : TheoryAttribute
{
    public CudaTheoryAttribute()
    {
        if (CudaAvailability.SkipReason is { } reason) Skip = reason;
    }
}

public sealed class CudaTests
{
    // float32 sums over T x B steps, with cuBLAS and the CPU kernels summing in different orders.
    private const double Tolerance = 1e-4;

    [CudaTheory]
    [InlineData("impala.model.kind=mlp")]
    [InlineData("impala.model.lstm=true")]
    public void LearnerStep_OnCuda_LivesOnTheDevice_SameLossesAsOnTheCpu(string model)
    {
        const int batchSize = 4, unrollLength = 5;
        string[] common = [model, $"impala.learner.batch-size={batchSize}", $"impala.rollout.unroll-length={unrollLength}"];
        var spec = Environments.Environments.SpecOf("cartpole");
        using var cpu = new LearnerCore(TestSettings.Load(common), spec);
        using var cuda = new LearnerCore(TestSettings.Load([.. common, "impala.learner.device=cuda"]), spec);
        // The same start from the values themselves rather than from a global seed, which any test
        // running alongside could advance between the two constructions.
        cpu.Snapshot().LoadInto(cuda.Net);

        Assert.Equal(DeviceType.CUDA, cuda.Device.type);
        Assert.All(cuda.Net.parameters(), p => Assert.Equal(DeviceType.CUDA, p.device_type));
        Assert.All(cuda.Optimizer.State(), s => Assert.Equal(DeviceType.CUDA, s.Value.device_type));

        for (var step = 0; step < 3; step++)
        {
            var batch = SyntheticUnrolls.Batch(spec, batchSize, unrollLength, cpu.Net.StateSize, seed: step);
            var onCpu = cpu.Step(batch, batchSize);
            var onCuda = cuda.Step(batch, batchSize);
            AssertClose(onCpu.TotalLoss, onCuda.TotalLoss, $"step {step + 1} total loss");
            AssertClose(onCpu.PolicyLoss, onCuda.PolicyLoss, $"step {step + 1} policy loss");
            AssertClose(onCpu.BaselineLoss, onCuda.BaselineLoss, $"step {step + 1} baseline loss");
            AssertClose(onCpu.Entropy, onCuda.Entropy, $"step {step + 1} entropy");
            AssertClose(onCpu.GradNorm, onCuda.GradNorm, $"step {step + 1} gradient norm");
        }
        Assert.Equal(3, cuda.Version);
        var (a, b) = (cpu.Snapshot(), cuda.Snapshot());
        for (var i = 0; i < a.Values.Count; i++)
        {
            for (var j = 0; j < a.Values[i].Length; j++) AssertClose(a.Values[i][j], b.Values[i][j], $"parameter {i}[{j}] after 3 steps");
        }
    }

    private static void AssertClose(double cpu, double cuda, string what) =>
        Assert.True(Math.Abs(cpu - cuda) <= Tolerance * Math.Max(1, Math.Abs(cpu)),
            $"{what}: {cpu:R} on the CPU, {cuda:R} on CUDA (off by {Math.Abs(cpu - cuda):E2}, allowed {Tolerance} relative)");
}
