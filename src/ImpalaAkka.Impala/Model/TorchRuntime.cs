using System.Runtime.InteropServices;
using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;
using TorchSharp;

namespace ImpalaAkka.Impala.Model;

/// <summary>
/// Process-wide libtorch set-up and facts: where libtorch comes from, its intra-op thread count,
/// the global seed, and what it was built with. <see cref="Configure"/> runs once per process,
/// before the first tensor.
/// </summary>
public static class TorchRuntime
{
    /// <summary>The environment variable that, like <c>impala.learner.libtorch-dir</c>, names an external libtorch's lib folder.</summary>
    public const string LibraryDirVariable = "IMPALA_LIBTORCH_DIR";

    // Load order matters: each library's DT_NEEDED entries then resolve by soname to the copies
    // already mapped, so the bundled CPU libtorch is never mapped beside them.
    private static readonly string[] ExternalLibraries = ["libc10.so", "libc10_cuda.so", "libtorch_cpu.so", "libtorch_cuda.so", "libtorch.so"];

    private static readonly object Gate = new();
    private static string? preloadedFrom;

    /// <summary>The folder an external libtorch was preloaded from, or null for the bundled CPU libtorch.</summary>
    public static string? ExternalLibraryDir => preloadedFrom;

    /// <summary>
    /// Preloads the libtorch in <paramref name="libraryDir"/> (or <see cref="LibraryDirVariable"/>)
    /// when one is named, then sets the intra-op thread count and whether CPU kernels may use
    /// oneDNN (<c>learner.onednn</c>). Must run before the first torch call for the preload to take
    /// effect; a second call with another folder is refused.
    /// </summary>
    /// <exception cref="InvalidOperationException">The folder holds no libtorch, one of its libraries does not load, or it cannot switch oneDNN.</exception>
    public static void Configure(int threads, string? libraryDir = null, bool oneDnn = true)
    {
        Preload(libraryDir ?? NullIfEmpty(Environment.GetEnvironmentVariable(LibraryDirVariable)));
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "libtorch needs at least one intra-op thread");
        if (torch.get_num_threads() != threads) torch.set_num_threads(threads);
        SetOneDnn(oneDnn);
    }

    /// <summary>Whether libtorch's CPU kernels may use oneDNN (at::Context::userEnabledMkldnn); null if this libtorch does not say.</summary>
    public static unsafe bool? OneDnnEnabled =>
        Context() is var (library, context) && context != IntPtr.Zero
            && NativeLibrary.TryGetExport(library, "_ZNK2at7Context17userEnabledMkldnnEv", out var get)
            ? ((delegate* unmanaged<IntPtr, byte>)get)(context) != 0
            : null;

    // A choice, not a fix: oneDNN's convolution has a large fixed cost per call (about 50-90 us at
    // batch 8 on 10x10 grids against 20 us for libtorch's own kernels), but speeds up the learner's
    // backward pass (README "Measured figures").
    private static unsafe void SetOneDnn(bool enabled)
    {
        var (library, context) = Context();
        if (context == IntPtr.Zero || !NativeLibrary.TryGetExport(library, "_ZN2at7Context20setUserEnabledMkldnnEb", out var set))
        {
            throw new InvalidOperationException("this libtorch does not export at::Context::setUserEnabledMkldnn, so learner.onednn cannot be applied");
        }
        ((delegate* unmanaged<IntPtr, byte, void>)set)(context, enabled ? (byte)1 : (byte)0);
    }

    /// <summary>libtorch_cpu's handle and its at::globalContext() (each zero where it is not found).</summary>
    private static unsafe (IntPtr Library, IntPtr Context) Context()
    {
        _ = torch.get_num_threads(); // makes sure libtorch is loaded
        if (!NativeLibrary.TryLoad("libtorch_cpu.so", typeof(torch).Assembly, null, out var library)) return (IntPtr.Zero, IntPtr.Zero);
        return NativeLibrary.TryGetExport(library, "_ZN2at13globalContextEv", out var globalContext)
            ? (library, ((delegate* unmanaged<IntPtr>)globalContext)())
            : (library, IntPtr.Zero);
    }

    /// <summary>libtorch's intra-op thread count (process-wide).</summary>
    public static int Threads => torch.get_num_threads();

    /// <summary>Seeds libtorch's global generator (parameter initialisation, rand, randn).</summary>
    public static void ManualSeed(long seed) => torch.manual_seed(seed);

    /// <summary>
    /// Held while a net draws its initial weights from libtorch's global generator (see <see cref="NewNet"/>):
    /// a caller that seeds the generator and builds a net under it gets the same weights even while other
    /// threads build nets (parallel simulations).
    /// </summary>
    private static readonly object InitGate = new();

    /// <summary>Every net is built here, one at a time across threads.</summary>
    public static ActorCriticNet NewNet(ModelSettings model, EnvironmentSpec spec)
    {
        lock (InitGate) return new ActorCriticNet(model, spec);
    }

    /// <summary>Seeds the global generator with <paramref name="seed"/> and runs <paramref name="create"/>, atomically with respect to every other net's initialisation.</summary>
    public static T Seeded<T>(long seed, Func<T> create)
    {
        lock (InitGate)
        {
            ManualSeed(seed);
            return create();
        }
    }

    /// <summary>The libtorch version TorchSharp was built against, e.g. 2.10.0.</summary>
    public static string LibtorchVersion => torch.__version__;

    public static int CudaDeviceCount => torch.cuda.is_available() ? torch.cuda.device_count() : 0;

    /// <summary>True for <c>cpu</c>, <c>cuda</c> and <c>cuda:N</c>, the device names settings accept.</summary>
    public static bool IsDeviceName(string text) =>
        text is "cpu" or "cuda" || (text.Length is > 5 and < 9 && text.StartsWith("cuda:", StringComparison.Ordinal) && text[5..].All(char.IsAsciiDigit));

    /// <summary>The device named by a validated <c>learner.device</c>; a CUDA device must exist.</summary>
    /// <exception cref="InvalidOperationException">CUDA was asked for and this libtorch has no such device.</exception>
    public static torch.Device Device(string name)
    {
        if (name == "cpu") return torch.CPU;
        var index = name == "cuda" ? 0 : int.Parse(name.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture);
        var count = CudaDeviceCount;
        if (index >= count)
        {
            throw new InvalidOperationException(count == 0
                ? $"learner.device = {name}, but the loaded libtorch sees no CUDA device; the bundled libtorch is CPU-only: " +
                  $"build with -p:ImpalaLibtorch=external and point impala.learner.libtorch-dir or {LibraryDirVariable} at a CUDA libtorch 2.10 (README: GPU)"
                : $"learner.device = {name}, but libtorch sees {count} CUDA device(s) (cuda:0 to cuda:{count - 1})");
        }
        return torch.device(DeviceType.CUDA, index);
    }

    /// <summary>What libtorch's CPU kernels were built with, asked of libtorch itself (the exported at::Context::hasMKL, hasMKLDNN, hasOpenMP).</summary>
    public static string CpuBackends()
    {
        var (library, _) = Context();
        if (library == IntPtr.Zero) return "unknown (libtorch_cpu.so not found)";
        string Flag(string export, string name) => Ask(library, export) switch
        {
            true => name,
            false => $"no {name}",
            null => $"{name} unknown",
        };
        return $"{Flag("_ZN2at7Context6hasMKLEv", "MKL")}, {Flag("_ZN2at7Context9hasMKLDNNEv", "oneDNN")}, {Flag("_ZN2at7Context9hasOpenMPEv", "OpenMP")}";
    }

    private static unsafe bool? Ask(IntPtr library, string export) =>
        NativeLibrary.TryGetExport(library, export, out var address) ? ((delegate* unmanaged<byte>)address)() != 0 : null;

    private static void Preload(string? libraryDir)
    {
        if (libraryDir is null) return;
        var dir = Path.GetFullPath(libraryDir);
        lock (Gate)
        {
            if (preloadedFrom == dir) return;
            if (preloadedFrom is not null)
            {
                throw new InvalidOperationException($"libtorch was already loaded from {preloadedFrom}; cannot switch to {dir} in the same process");
            }
            if (!File.Exists(Path.Combine(dir, "libtorch_cpu.so")))
            {
                throw new InvalidOperationException($"{dir}: no libtorch_cpu.so here (impala.learner.libtorch-dir / {LibraryDirVariable} must name libtorch's lib folder, e.g. .../site-packages/torch/lib)");
            }
            foreach (var name in ExternalLibraries)
            {
                var path = Path.Combine(dir, name);
                if (!File.Exists(path)) continue;
                try
                {
                    NativeLibrary.Load(path);
                }
                catch (DllNotFoundException e)
                {
                    throw new InvalidOperationException($"{path}: does not load ({e.Message})", e);
                }
            }
            preloadedFrom = dir;
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
