namespace ImpalaAkka.Torch;

// Element-wise operations; binary ones broadcast as libtorch does.
public sealed partial class Tensor
{
    public Tensor Neg() => Wrap(NativeMethods.ia_tensor_neg(handle));
    public Tensor Exp() => Wrap(NativeMethods.ia_tensor_exp(handle));
    public Tensor Log() => Wrap(NativeMethods.ia_tensor_log(handle));
    public Tensor Relu() => Wrap(NativeMethods.ia_tensor_relu(handle));
    public Tensor Tanh() => Wrap(NativeMethods.ia_tensor_tanh(handle));
    public Tensor Sigmoid() => Wrap(NativeMethods.ia_tensor_sigmoid(handle));
    public Tensor Abs() => Wrap(NativeMethods.ia_tensor_abs(handle));
    public Tensor Sqrt() => Wrap(NativeMethods.ia_tensor_sqrt(handle));
    public Tensor Square() => Wrap(NativeMethods.ia_tensor_square(handle));
    public Tensor LogicalNot() => Wrap(NativeMethods.ia_tensor_logical_not(handle));
    public Tensor Clone() => Wrap(NativeMethods.ia_tensor_clone(handle));
    public Tensor Contiguous() => Wrap(NativeMethods.ia_tensor_contiguous(handle));

    public Tensor Add(Tensor other) => Wrap(NativeMethods.ia_tensor_add(handle, other.handle));
    public Tensor Sub(Tensor other) => Wrap(NativeMethods.ia_tensor_sub(handle, other.handle));
    public Tensor Mul(Tensor other) => Wrap(NativeMethods.ia_tensor_mul(handle, other.handle));
    public Tensor Div(Tensor other) => Wrap(NativeMethods.ia_tensor_div(handle, other.handle));
    public Tensor Pow(Tensor exponent) => Wrap(NativeMethods.ia_tensor_pow(handle, exponent.handle));
    public Tensor Matmul(Tensor other) => Wrap(NativeMethods.ia_tensor_matmul(handle, other.handle));
    public Tensor Eq(Tensor other) => Wrap(NativeMethods.ia_tensor_eq(handle, other.handle));
    public Tensor Ne(Tensor other) => Wrap(NativeMethods.ia_tensor_ne(handle, other.handle));
    public Tensor Lt(Tensor other) => Wrap(NativeMethods.ia_tensor_lt(handle, other.handle));
    public Tensor Le(Tensor other) => Wrap(NativeMethods.ia_tensor_le(handle, other.handle));
    public Tensor Gt(Tensor other) => Wrap(NativeMethods.ia_tensor_gt(handle, other.handle));
    public Tensor Ge(Tensor other) => Wrap(NativeMethods.ia_tensor_ge(handle, other.handle));
    public Tensor Minimum(Tensor other) => Wrap(NativeMethods.ia_tensor_minimum(handle, other.handle));
    public Tensor Maximum(Tensor other) => Wrap(NativeMethods.ia_tensor_maximum(handle, other.handle));
    public Tensor LogicalAnd(Tensor other) => Wrap(NativeMethods.ia_tensor_logical_and(handle, other.handle));
    public Tensor LogicalOr(Tensor other) => Wrap(NativeMethods.ia_tensor_logical_or(handle, other.handle));

    public Tensor Add(double s) => Wrap(NativeMethods.ia_tensor_add_scalar(handle, s));
    public Tensor Sub(double s) => Wrap(NativeMethods.ia_tensor_sub_scalar(handle, s));
    public Tensor Mul(double s) => Wrap(NativeMethods.ia_tensor_mul_scalar(handle, s));
    public Tensor Div(double s) => Wrap(NativeMethods.ia_tensor_div_scalar(handle, s));
    public Tensor Pow(double exponent) => Wrap(NativeMethods.ia_tensor_pow_scalar(handle, exponent));
    public Tensor Eq(double s) => Wrap(NativeMethods.ia_tensor_eq_scalar(handle, s));
    public Tensor Ne(double s) => Wrap(NativeMethods.ia_tensor_ne_scalar(handle, s));
    public Tensor Lt(double s) => Wrap(NativeMethods.ia_tensor_lt_scalar(handle, s));
    public Tensor Le(double s) => Wrap(NativeMethods.ia_tensor_le_scalar(handle, s));
    public Tensor Gt(double s) => Wrap(NativeMethods.ia_tensor_gt_scalar(handle, s));
    public Tensor Ge(double s) => Wrap(NativeMethods.ia_tensor_ge_scalar(handle, s));

    /// <summary>Element-wise clamp; a null bound leaves that side unclipped.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        Wrap(NativeMethods.ia_tensor_clamp(handle, min ?? 0, min.HasValue ? 1 : 0, max ?? 0, max.HasValue ? 1 : 0));

    /// <summary>Element-wise min with a scalar: clamp from above.</summary>
    public Tensor Minimum(double s) => Clamp(max: s);

    /// <summary>Element-wise max with a scalar: clamp from below.</summary>
    public Tensor Maximum(double s) => Clamp(min: s);

    /// <summary>Elements of <paramref name="ifTrue"/> where this (bool) tensor is true, else of <paramref name="ifFalse"/>.</summary>
    public Tensor Where(Tensor ifTrue, Tensor ifFalse) =>
        Wrap(NativeMethods.ia_tensor_where(handle, ifTrue.handle, ifFalse.handle));

    public Tensor Softmax(long dim) => Wrap(NativeMethods.ia_tensor_softmax(handle, dim));
    public Tensor LogSoftmax(long dim) => Wrap(NativeMethods.ia_tensor_log_softmax(handle, dim));

    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator +(Tensor a, double s) => a.Add(s);
    public static Tensor operator -(Tensor a, double s) => a.Sub(s);
    public static Tensor operator *(Tensor a, double s) => a.Mul(s);
    public static Tensor operator /(Tensor a, double s) => a.Div(s);
    public static Tensor operator +(double s, Tensor a) => a.Add(s);
    public static Tensor operator -(double s, Tensor a) => Wrap(NativeMethods.ia_tensor_rsub_scalar(a.handle, s));
    public static Tensor operator *(double s, Tensor a) => a.Mul(s);
    public static Tensor operator -(Tensor a) => a.Neg();
}
