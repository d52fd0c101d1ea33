using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace ImpalaAkka.Impala.Model;

/// <summary>Copies between .NET spans and CPU tensors in one block move, with the length checked before libtorch sees the shape.</summary>
public static class TensorData
{
    /// <summary>A new CPU tensor of <paramref name="shape"/> holding a copy of <paramref name="values"/> (exactly as many as the shape holds).</summary>
    public static Tensor From<T>(ReadOnlySpan<T> values, params ReadOnlySpan<long> shape) where T : unmanaged
    {
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0) throw new ArgumentException($"negative dimension in shape [{string.Join(", ", shape.ToArray())}]");
            count = checked(count * size);
        }
        if (count != values.Length)
        {
            throw new ArgumentException($"{values.Length} values do not fill shape [{string.Join(", ", shape.ToArray())}] ({count} elements)");
        }
        var result = empty(shape, DType<T>());
        MemoryMarshal.AsBytes(values).CopyTo(result.bytes);
        return result;
    }

    /// <summary>Copies the elements of <paramref name="source"/> (any device, any layout) into <paramref name="destination"/>, which must hold exactly that many.</summary>
    public static void CopyTo<T>(Tensor source, Span<T> destination) where T : unmanaged
    {
        if (source.numel() != destination.Length)
        {
            throw new ArgumentException($"a tensor of {source.numel()} elements does not fit {destination.Length} values");
        }
        using var scope = NewDisposeScope();
        var cpu = source.device_type == DeviceType.CPU ? source.contiguous() : source.cpu().contiguous();
        MemoryMarshal.Cast<byte, T>(cpu.bytes).CopyTo(destination);
    }

    /// <summary>The elements of <paramref name="source"/> as a new array.</summary>
    public static T[] ToArray<T>(Tensor source) where T : unmanaged
    {
        var result = new T[source.numel()];
        CopyTo<T>(source, result);
        return result;
    }

    private static ScalarType DType<T>() => typeof(T) switch
    {
        var t when t == typeof(float) => ScalarType.Float32,
        var t when t == typeof(double) => ScalarType.Float64,
        var t when t == typeof(long) => ScalarType.Int64,
        var t when t == typeof(int) => ScalarType.Int32,
        var t when t == typeof(byte) => ScalarType.Byte,
        _ => throw new ArgumentException($"no tensor dtype for {typeof(T).Name}"),
    };
}
