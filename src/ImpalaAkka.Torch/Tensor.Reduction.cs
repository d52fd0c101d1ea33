namespace ImpalaAkka.Torch;

public sealed partial class Tensor
{
    public Tensor Sum() => Wrap(NativeMethods.ia_tensor_sum(handle));
    public Tensor Mean() => Wrap(NativeMethods.ia_tensor_mean(handle));
    public Tensor Max() => Wrap(NativeMethods.ia_tensor_max(handle));
    public Tensor Min() => Wrap(NativeMethods.ia_tensor_min(handle));

    public unsafe Tensor Sum(ReadOnlySpan<long> dims, bool keepDim = false)
    {
        fixed (long* d = dims)
        {
            return Wrap(NativeMethods.ia_tensor_sum_dims(handle, d, dims.Length, keepDim ? 1 : 0));
        }
    }

    public Tensor Sum(long dim, bool keepDim = false) => Sum([dim], keepDim);

    public unsafe Tensor Mean(ReadOnlySpan<long> dims, bool keepDim = false)
    {
        fixed (long* d = dims)
        {
            return Wrap(NativeMethods.ia_tensor_mean_dims(handle, d, dims.Length, keepDim ? 1 : 0));
        }
    }

    public Tensor Mean(long dim, bool keepDim = false) => Mean([dim], keepDim);

    /// <summary>Maximum along <paramref name="dim"/> and where it is.</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false) => Extremum(dim, keepDim, minimum: false);

    /// <summary>Minimum along <paramref name="dim"/> and where it is.</summary>
    public (Tensor Values, Tensor Indices) Min(long dim, bool keepDim = false) => Extremum(dim, keepDim, minimum: true);

    public Tensor Argmax(long dim, bool keepDim = false) => Wrap(NativeMethods.ia_tensor_argmax(handle, dim, keepDim ? 1 : 0));

    /// <summary>
    /// The reverse linear recurrence out[t] = x[t] + coef[t] * out[t+1] over dim 0 (time), with
    /// out[T] = <paramref name="init"/>; x and coef are [T, ...], init is [...]. One native call.
    /// </summary>
    public static Tensor ReverseScan(Tensor x, Tensor coef, Tensor init) =>
        Wrap(NativeMethods.ia_tensor_reverse_scan(x.handle, coef.handle, init.handle));

    private unsafe (Tensor, Tensor) Extremum(long dim, bool keepDim, bool minimum)
    {
        IntPtr values, indices;
        Check.Status(NativeMethods.ia_tensor_max_dim(handle, dim, keepDim ? 1 : 0, minimum ? 1 : 0, &values, &indices));
        return (Wrap(values), Wrap(indices));
    }
}
