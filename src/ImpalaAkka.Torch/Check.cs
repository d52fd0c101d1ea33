using System.Runtime.InteropServices;

namespace ImpalaAkka.Torch;

/// <summary>The "check" of call -> check -> wrap: turns the shim's failure values into <see cref="TorchException"/>.</summary>
internal static class Check
{
    /// <summary>A non-null handle, or the pending native error thrown.</summary>
    public static IntPtr Handle(IntPtr handle) => handle != IntPtr.Zero ? handle : throw TakeError();

    /// <summary>A handle that may legitimately be null (an undefined gradient); throws only when an error is pending.</summary>
    public static IntPtr OptionalHandle(IntPtr handle)
    {
        if (handle != IntPtr.Zero)
        {
            return handle;
        }
        var message = TakeMessage();
        return message is null ? IntPtr.Zero : throw new TorchException(message);
    }

    /// <summary>A non-negative status or count, or the pending native error thrown.</summary>
    public static int Status(int status) => status >= 0 ? status : throw TakeError();

    private static TorchException TakeError() =>
        new(TakeMessage() ?? "impala_torch: call failed without an error message");

    private static string? TakeMessage()
    {
        var pointer = NativeMethods.ia_take_error();
        if (pointer == IntPtr.Zero)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            NativeMethods.ia_free_string(pointer);
        }
    }
}
