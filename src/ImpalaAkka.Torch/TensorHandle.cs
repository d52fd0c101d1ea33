using System.Runtime.InteropServices;

namespace ImpalaAkka.Torch;

/// <summary>Owns one native tensor handle and releases it exactly once, on Dispose or finalization.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        NativeMethods.ia_tensor_free(handle);
        return true;
    }
}
