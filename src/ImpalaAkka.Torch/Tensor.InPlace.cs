namespace ImpalaAkka.Torch;

// In-place updates, for optimizers and initialisation. Each returns this tensor.
public sealed partial class Tensor
{
    private Tensor InPlace(int status)
    {
        Check.Status(status);
        return this;
    }

    /// <summary>this += alpha * other.</summary>
    public Tensor AddInPlace(Tensor other, double alpha = 1) => InPlace(NativeMethods.ia_tensor_add_(handle, other.handle, alpha));

    public Tensor AddInPlace(double s) => InPlace(NativeMethods.ia_tensor_add_scalar_(handle, s));

    public Tensor MulInPlace(Tensor other) => InPlace(NativeMethods.ia_tensor_mul_(handle, other.handle));

    public Tensor MulInPlace(double s) => InPlace(NativeMethods.ia_tensor_mul_scalar_(handle, s));

    /// <summary>this += value * t1 * t2.</summary>
    public Tensor AddcmulInPlace(Tensor t1, Tensor t2, double value = 1) => InPlace(NativeMethods.ia_tensor_addcmul_(handle, t1.handle, t2.handle, value));

    /// <summary>this += value * t1 / t2.</summary>
    public Tensor AddcdivInPlace(Tensor t1, Tensor t2, double value = 1) => InPlace(NativeMethods.ia_tensor_addcdiv_(handle, t1.handle, t2.handle, value));

    public Tensor SqrtInPlace() => InPlace(NativeMethods.ia_tensor_sqrt_(handle));

    public Tensor ZeroInPlace() => InPlace(NativeMethods.ia_tensor_zero_(handle));

    public Tensor FillInPlace(double value) => InPlace(NativeMethods.ia_tensor_fill_(handle, value));

    public Tensor CopyFromInPlace(Tensor source) => InPlace(NativeMethods.ia_tensor_copy_(handle, source.handle));

    /// <summary>Fills with U[low, high) from libtorch's global generator.</summary>
    public Tensor UniformInPlace(double low, double high) => InPlace(NativeMethods.ia_tensor_uniform_(handle, low, high));

    /// <summary>Fills with N(mean, std^2) from libtorch's global generator.</summary>
    public Tensor NormalInPlace(double mean, double std) => InPlace(NativeMethods.ia_tensor_normal_(handle, mean, std));
}
