using System.Runtime.CompilerServices;

namespace ImpalaAkka.Torch;

/// <summary>
/// A libtorch tensor. Owns one native handle, released once by <see cref="Dispose"/>, by the
/// <see cref="DisposeScope"/> that was current when it was created, or (as a last resort) by the finalizer.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle handle;
    private long[]? shape;

    private Tensor(TensorHandle handle)
    {
        this.handle = handle;
        DisposeScope.Current?.Register(this);
    }

    /// <summary>The scope that will dispose this tensor, if any.</summary>
    internal DisposeScope? Owner { get; set; }

    internal TensorHandle Handle => handle;

    /// <summary>Wraps a handle the shim just returned, throwing the pending native error if it is null.</summary>
    internal static Tensor Wrap(IntPtr raw) => new(new TensorHandle(Check.Handle(raw)));

    public bool IsDisposed => handle.IsClosed;

    /// <summary>The sizes of each dimension.</summary>
    public ReadOnlySpan<long> Shape => shape ??= ReadShape();

    public int Dim => Shape.Length;

    public long NumElements
    {
        get
        {
            long n = 1;
            foreach (var size in Shape)
            {
                n *= size;
            }
            return n;
        }
    }

    public ScalarType DType => (ScalarType)Check.Status(NativeMethods.ia_tensor_dtype(handle));

    public unsafe Device Device
    {
        get
        {
            int index;
            var type = Check.Status(NativeMethods.ia_tensor_device(handle, &index));
            return new Device((DeviceType)type, index);
        }
    }

    /// <summary>Size of dimension <paramref name="dim"/>; negative dims count from the end.</summary>
    public long Size(int dim) => Shape[dim < 0 ? Dim + dim : dim];

    public void Dispose() => handle.Dispose();

    public override string ToString() =>
        IsDisposed ? "Tensor(disposed)" : $"Tensor([{string.Join(", ", Shape.ToArray())}], {DType}, {Device})";

    private unsafe long[] ReadShape()
    {
        var rank = Check.Status(NativeMethods.ia_tensor_ndim(handle));
        var result = new long[rank];
        fixed (long* p = result)
        {
            Check.Status(NativeMethods.ia_tensor_shape(handle, p, rank));
        }
        return result;
    }

    internal static ScalarType ScalarTypeOf<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ScalarType.Float32;
        if (typeof(T) == typeof(double)) return ScalarType.Float64;
        if (typeof(T) == typeof(long)) return ScalarType.Int64;
        if (typeof(T) == typeof(int)) return ScalarType.Int32;
        if (typeof(T) == typeof(byte)) return ScalarType.UInt8;
        if (typeof(T) == typeof(bool)) return ScalarType.Bool;
        throw new NotSupportedException($"no tensor element type for {typeof(T).Name}");
    }

    /// <summary>Keeps <paramref name="tensor"/>'s handle alive while its raw pointer is used in a call.</summary>
    internal static IntPtr AddRef(Tensor? tensor, ref bool added)
    {
        if (tensor is null)
        {
            return IntPtr.Zero;
        }
        tensor.handle.DangerousAddRef(ref added);
        return tensor.handle.DangerousGetHandle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Release(Tensor? tensor, bool added)
    {
        if (added)
        {
            tensor!.handle.DangerousRelease();
        }
    }
}
