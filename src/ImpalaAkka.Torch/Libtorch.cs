using System.Runtime.InteropServices;

namespace ImpalaAkka.Torch;

/// <summary>Process-wide libtorch settings and facts.</summary>
public static class Libtorch
{
    /// <summary>libtorch's version string, e.g. 1.13.1.</summary>
    public static string Version => Marshal.PtrToStringUTF8(NativeMethods.ia_torch_version()) ?? "unknown";

    /// <summary>Native tensor handles currently alive (allocated and not yet released).</summary>
    public static long LiveTensors => NativeMethods.ia_live_tensors();

    /// <summary>Seeds libtorch's global generator (parameter initialisation, Rand, Randn, in-place random fills).</summary>
    public static void ManualSeed(ulong seed) => Check.Status(NativeMethods.ia_manual_seed(seed));

    /// <summary>Makes libtorch refuse non-deterministic algorithms (it throws rather than run one).</summary>
    public static void SetDeterministic(bool enabled) => Check.Status(NativeMethods.ia_set_deterministic(enabled ? 1 : 0));

    /// <summary>libtorch's intra-op thread count (process-wide).</summary>
    public static int NumThreads
    {
        get => Check.Status(NativeMethods.ia_get_num_threads());
        set => Check.Status(NativeMethods.ia_set_num_threads(value));
    }

    public static int CudaDeviceCount => Check.Status(NativeMethods.ia_cuda_device_count());

    public static bool CudaAvailable => CudaDeviceCount > 0;

    /// <summary>Disables gradient recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope NoGrad() => new(enabled: false);

    /// <summary>Enables gradient recording on this thread until the returned scope is disposed.</summary>
    public static GradModeScope EnableGrad() => new(enabled: true);
}
