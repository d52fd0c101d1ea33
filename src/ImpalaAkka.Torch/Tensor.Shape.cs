namespace ImpalaAkka.Torch;

// Shape changes and indexing. Views share storage with their source, as in libtorch.
public sealed partial class Tensor
{
    public unsafe Tensor Reshape(params ReadOnlySpan<long> shape) => WithDims(shape, &NativeMethods.ia_tensor_reshape);

    public unsafe Tensor View(params ReadOnlySpan<long> shape) => WithDims(shape, &NativeMethods.ia_tensor_view);

    public unsafe Tensor Expand(params ReadOnlySpan<long> shape) => WithDims(shape, &NativeMethods.ia_tensor_expand);

    public unsafe Tensor Permute(params ReadOnlySpan<long> dims) => WithDims(dims, &NativeMethods.ia_tensor_permute);

    private unsafe Tensor WithDims(ReadOnlySpan<long> dims, delegate*<TensorHandle, long*, int, IntPtr> op)
    {
        fixed (long* d = dims)
        {
            return Wrap(op(handle, d, dims.Length));
        }
    }

    public Tensor Flatten(long startDim = 0, long endDim = -1) => Wrap(NativeMethods.ia_tensor_flatten(handle, startDim, endDim));
    public Tensor Transpose(long dim0, long dim1) => Wrap(NativeMethods.ia_tensor_transpose(handle, dim0, dim1));
    public Tensor Squeeze(long dim) => Wrap(NativeMethods.ia_tensor_squeeze(handle, dim));
    public Tensor Unsqueeze(long dim) => Wrap(NativeMethods.ia_tensor_unsqueeze(handle, dim));

    /// <summary>Elements start, start+step, ... below end along <paramref name="dim"/> (a view). Negative bounds count from the end.</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) =>
        Wrap(NativeMethods.ia_tensor_slice(handle, dim, start, end, step));

    /// <summary>The sub-tensor at <paramref name="index"/> of <paramref name="dim"/>, which is removed (a view).</summary>
    public Tensor Select(long dim, long index) => Wrap(NativeMethods.ia_tensor_select(handle, dim, index));

    public Tensor IndexSelect(long dim, Tensor index) => Wrap(NativeMethods.ia_tensor_index_select(handle, dim, index.handle));
    public Tensor Gather(long dim, Tensor index) => Wrap(NativeMethods.ia_tensor_gather(handle, dim, index.handle));

    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Combine(tensors, dim, stack: false);
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Combine(tensors, dim, stack: true);

    private static unsafe Tensor Combine(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        var raw = tensors.Count <= 64 ? stackalloc IntPtr[tensors.Count] : new IntPtr[tensors.Count];
        var added = new bool[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                raw[i] = AddRef(tensors[i], ref added[i]);
            }
            fixed (IntPtr* list = raw)
            {
                return Wrap(stack
                    ? NativeMethods.ia_tensor_stack(list, tensors.Count, dim)
                    : NativeMethods.ia_tensor_cat(list, tensors.Count, dim));
            }
        }
        finally
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                Release(tensors[i], added[i]);
            }
        }
    }
}
