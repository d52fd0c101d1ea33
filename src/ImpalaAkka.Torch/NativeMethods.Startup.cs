using System.Runtime.InteropServices;

namespace ImpalaAkka.Torch;

internal static partial class NativeMethods
{
    // libtorch parallelises within each op; OpenBLAS threads nested inside those oversubscribe a
    // small machine, so OpenBLAS gets one thread unless the user chose otherwise. OpenBLAS reads
    // the variable when it is loaded, so it must be in the C environment before the first call
    // into the shim; .NET's Environment.SetEnvironmentVariable does not reach the C environment.
    static NativeMethods()
    {
        if (Environment.GetEnvironmentVariable("OPENBLAS_NUM_THREADS") is null)
        {
            _ = setenv("OPENBLAS_NUM_THREADS", "1", 0);
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
