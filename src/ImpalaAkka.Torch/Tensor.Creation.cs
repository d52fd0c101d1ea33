namespace ImpalaAkka.Torch;

public sealed partial class Tensor
{
    /// <summary>Copies <paramref name="data"/> into a new tensor of the given shape (row-major).</summary>
    public static unsafe Tensor From<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, Device? device = null)
        where T : unmanaged
    {
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"negative dimension {size} in shape", nameof(shape));
            }
            count *= size;
        }
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"shape [{string.Join(", ", shape.ToArray())}] needs {count} elements, data has {data.Length}",
                nameof(data));
        }
        var target = device ?? Device.Cpu;
        fixed (T* d = data)
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.ia_tensor_from_data(d, s, shape.Length, (int)ScalarTypeOf<T>(), (int)target.Type, target.Index));
        }
    }

    /// <summary>A one-dimensional tensor holding a copy of <paramref name="data"/>.</summary>
    public static Tensor From<T>(T[] data, Device? device = null) where T : unmanaged =>
        From<T>(data, [data.LongLength], device);

    /// <summary>A zero-dimensional tensor.</summary>
    public static Tensor Scalar<T>(T value, Device? device = null) where T : unmanaged =>
        From<T>([value], ReadOnlySpan<long>.Empty, device);

    public static unsafe Tensor Zeros(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var target = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.ia_tensor_zeros(s, shape.Length, (int)dtype, (int)target.Type, target.Index));
        }
    }

    public static Tensor Ones(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Full(shape, 1.0, dtype, device);

    public static unsafe Tensor Full(ReadOnlySpan<long> shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var target = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.ia_tensor_full(s, shape.Length, value, (int)dtype, (int)target.Type, target.Index));
        }
    }

    /// <summary>Values start, start+step, ... below end.</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        var target = device ?? Device.Cpu;
        return Wrap(NativeMethods.ia_tensor_arange(start, end, step, (int)dtype, (int)target.Type, target.Index));
    }

    /// <summary>Uniform on [0, 1) from libtorch's global generator (see <see cref="Libtorch.ManualSeed"/>).</summary>
    public static Tensor Rand(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Random(shape, 0, dtype, device);

    /// <summary>Standard normal from libtorch's global generator (see <see cref="Libtorch.ManualSeed"/>).</summary>
    public static Tensor Randn(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Random(shape, 1, dtype, device);

    private static unsafe Tensor Random(ReadOnlySpan<long> shape, int kind, ScalarType dtype, Device? device)
    {
        var target = device ?? Device.Cpu;
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.ia_tensor_random(s, shape.Length, kind, (int)dtype, (int)target.Type, target.Index));
        }
    }

    /// <summary>Copies the elements (row-major, on the CPU) into <paramref name="destination"/>, whose length must equal <see cref="NumElements"/>.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var expected = ScalarTypeOf<T>();
        if (DType != expected)
        {
            throw new TorchException($"cannot read a {DType} tensor as {typeof(T).Name} ({expected})");
        }
        fixed (T* d = destination)
        {
            Check.Status(NativeMethods.ia_tensor_copy_to(handle, d, (long)destination.Length * sizeof(T)));
        }
    }

    /// <summary>Copies the raw element bytes (row-major, on the CPU); the length must be NumElements * element size.</summary>
    internal unsafe void CopyRawTo(Span<byte> destination)
    {
        fixed (byte* d = destination)
        {
            Check.Status(NativeMethods.ia_tensor_copy_to(handle, d, destination.Length));
        }
    }

    /// <summary>A CPU tensor of <paramref name="dtype"/> from raw element bytes.</summary>
    internal static unsafe Tensor FromRaw(ReadOnlySpan<byte> data, ReadOnlySpan<long> shape, ScalarType dtype)
    {
        fixed (byte* d = data)
        fixed (long* s = shape)
        {
            return Wrap(NativeMethods.ia_tensor_from_data(d, s, shape.Length, (int)dtype, (int)DeviceType.Cpu, 0));
        }
    }

    /// <summary>The elements as a new array (row-major).</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var result = new T[checked((int)NumElements)];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>The value of a one-element tensor, converted to double.</summary>
    public unsafe double Item()
    {
        double value;
        Check.Status(NativeMethods.ia_tensor_item(handle, &value));
        return value;
    }

    /// <summary>A copy on <paramref name="device"/> and/or converted to <paramref name="dtype"/>; the same storage when nothing changes.</summary>
    public Tensor To(Device device, ScalarType? dtype = null) =>
        Wrap(NativeMethods.ia_tensor_to(handle, (int)device.Type, device.Index, dtype is null ? -1 : (int)dtype.Value));

    public Tensor To(ScalarType dtype) => To(Device, dtype);
}
