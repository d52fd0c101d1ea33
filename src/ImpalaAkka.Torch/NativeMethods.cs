using System.Runtime.InteropServices;

namespace ImpalaAkka.Torch;

/// <summary>Every import of libimpala_torch.so. Callers go through <see cref="Check"/>: call, check, wrap.</summary>
internal static partial class NativeMethods
{
    private const string Lib = "impala_torch";

    // errors, lifetime, globals
    [LibraryImport(Lib)] internal static partial IntPtr ia_take_error();
    [LibraryImport(Lib)] internal static partial void ia_free_string(IntPtr value);
    [LibraryImport(Lib)] internal static partial void ia_tensor_free(IntPtr handle);
    [LibraryImport(Lib)] internal static partial long ia_live_tensors();
    [LibraryImport(Lib)] internal static partial IntPtr ia_torch_version();
    [LibraryImport(Lib)] internal static partial int ia_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial int ia_set_deterministic(int enabled);
    [LibraryImport(Lib)] internal static partial int ia_set_num_threads(int count);
    [LibraryImport(Lib)] internal static partial int ia_get_num_threads();
    [LibraryImport(Lib)] internal static partial int ia_cuda_device_count();
    [LibraryImport(Lib)] internal static partial int ia_set_grad_enabled(int enabled);

    // creation and read-back
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_from_data(void* data, long* shape, int ndim, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static unsafe partial int ia_tensor_copy_to(TensorHandle a, void* destination, long byteCount);
    [LibraryImport(Lib)] internal static unsafe partial int ia_tensor_item(TensorHandle a, double* value);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_zeros(long* shape, int ndim, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_full(long* shape, int ndim, double value, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_random(long* shape, int ndim, int kind, int dtype, int deviceType, int deviceIndex);

    // metadata
    [LibraryImport(Lib)] internal static partial int ia_tensor_ndim(TensorHandle a);
    [LibraryImport(Lib)] internal static unsafe partial int ia_tensor_shape(TensorHandle a, long* shape, int capacity);
    [LibraryImport(Lib)] internal static partial int ia_tensor_dtype(TensorHandle a);
    [LibraryImport(Lib)] internal static unsafe partial int ia_tensor_device(TensorHandle a, int* deviceIndex);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_to(TensorHandle a, int deviceType, int deviceIndex, int dtype);

    // autograd
    [LibraryImport(Lib)] internal static partial int ia_tensor_set_requires_grad(TensorHandle a, int value);
    [LibraryImport(Lib)] internal static partial int ia_tensor_requires_grad(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int ia_tensor_backward(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_grad(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int ia_tensor_clear_grad(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_detach(TensorHandle a);

    // element-wise
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_neg(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_exp(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_log(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_relu(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_tanh(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_sigmoid(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_abs(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_sqrt(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_square(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_logical_not(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_clone(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_contiguous(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_add(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_sub(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_mul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_div(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_pow(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_matmul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_eq(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_ne(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_lt(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_le(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_gt(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_ge(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_minimum(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_maximum(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_logical_and(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_logical_or(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_add_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_sub_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_rsub_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_mul_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_div_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_pow_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_eq_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_ne_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_lt_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_le_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_gt_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_ge_scalar(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_clamp(TensorHandle a, double min, int hasMin, double max, int hasMax);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_where(TensorHandle condition, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_softmax(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_log_softmax(TensorHandle a, long dim);

    // shape and indexing
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_reshape(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_view(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_expand(TensorHandle a, long* shape, int ndim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_permute(TensorHandle a, long* dims, int ndim);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_flatten(TensorHandle a, long startDim, long endDim);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_transpose(TensorHandle a, long dim0, long dim1);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_squeeze(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_unsqueeze(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_cat(IntPtr* list, int count, long dim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_stack(IntPtr* list, int count, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_slice(TensorHandle a, long dim, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_select(TensorHandle a, long dim, long index);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_index_select(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_gather(TensorHandle a, long dim, TensorHandle index);

    // reductions
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_sum(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_mean(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_max(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_min(TensorHandle a);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_sum_dims(TensorHandle a, long* dims, int ndim, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr ia_tensor_mean_dims(TensorHandle a, long* dims, int ndim, int keepdim);
    [LibraryImport(Lib)] internal static unsafe partial int ia_tensor_max_dim(TensorHandle a, long dim, int keepdim, int minimum, IntPtr* values, IntPtr* indices);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_argmax(TensorHandle a, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr ia_tensor_reverse_scan(TensorHandle x, TensorHandle coef, TensorHandle init);

    // in-place
    [LibraryImport(Lib)] internal static partial int ia_tensor_add_(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial int ia_tensor_mul_(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial int ia_tensor_mul_scalar_(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial int ia_tensor_add_scalar_(TensorHandle a, double s);
    [LibraryImport(Lib)] internal static partial int ia_tensor_addcmul_(TensorHandle a, TensorHandle t1, TensorHandle t2, double value);
    [LibraryImport(Lib)] internal static partial int ia_tensor_addcdiv_(TensorHandle a, TensorHandle t1, TensorHandle t2, double value);
    [LibraryImport(Lib)] internal static partial int ia_tensor_sqrt_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int ia_tensor_zero_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int ia_tensor_fill_(TensorHandle a, double value);
    [LibraryImport(Lib)] internal static partial int ia_tensor_copy_(TensorHandle a, TensorHandle source);
    [LibraryImport(Lib)] internal static partial int ia_tensor_uniform_(TensorHandle a, double low, double high);
    [LibraryImport(Lib)] internal static partial int ia_tensor_normal_(TensorHandle a, double mean, double std);

    // nn
    [LibraryImport(Lib)] internal static partial IntPtr ia_nn_linear(TensorHandle input, TensorHandle weight, IntPtr bias);
    [LibraryImport(Lib)] internal static partial IntPtr ia_nn_conv2d(TensorHandle input, TensorHandle weight, IntPtr bias, long strideH, long strideW, long paddingH, long paddingW);
}
