namespace ImpalaAkka.Torch;

// In-place updates, for optimizers and initialisation. Each returns this tensor.
public sealed partial class Tensor
{
    /// <summary>this += alpha * other.</summary>
    public Tensor AddInPlace(Tensor other, double alpha = 1)
    {
        Check.Status(NativeMethods.ia_tensor_add_(handle, other.handle, alpha));
        return this;
    }

    public Tensor AddInPlace(double s)
    {
        Check.Status(NativeMethods.ia_tensor_add_scalar_(handle, s));
        return this;
    }

    public Tensor MulInPlace(Tensor other)
    {
        Check.Status(NativeMethods.ia_tensor_mul_(handle, other.handle));
        return this;
    }

    public Tensor MulInPlace(double s)
    {
        Check.Status(NativeMethods.ia_tensor_mul_scalar_(handle, s));
        return this;
    }

    /// <summary>this += value * t1 * t2.</summary>
    public Tensor AddcmulInPlace(Tensor t1, Tensor t2, double value = 1)
    {
        Check.Status(NativeMethods.ia_tensor_addcmul_(handle, t1.handle, t2.handle, value));
        return this;
    }

    /// <summary>this += value * t1 / t2.</summary>
    public Tensor AddcdivInPlace(Tensor t1, Tensor t2, double value = 1)
    {
        Check.Status(NativeMethods.ia_tensor_addcdiv_(handle, t1.handle, t2.handle, value));
        return this;
    }

    public Tensor SqrtInPlace()
    {
        Check.Status(NativeMethods.ia_tensor_sqrt_(handle));
        return this;
    }

    public Tensor ZeroInPlace()
    {
        Check.Status(NativeMethods.ia_tensor_zero_(handle));
        return this;
    }

    public Tensor FillInPlace(double value)
    {
        Check.Status(NativeMethods.ia_tensor_fill_(handle, value));
        return this;
    }

    public Tensor CopyFromInPlace(Tensor source)
    {
        Check.Status(NativeMethods.ia_tensor_copy_(handle, source.handle));
        return this;
    }

    /// <summary>Fills with U[low, high) from libtorch's global generator.</summary>
    public Tensor UniformInPlace(double low, double high)
    {
        Check.Status(NativeMethods.ia_tensor_uniform_(handle, low, high));
        return this;
    }

    /// <summary>Fills with N(mean, std^2) from libtorch's global generator.</summary>
    public Tensor NormalInPlace(double mean, double std)
    {
        Check.Status(NativeMethods.ia_tensor_normal_(handle, mean, std));
        return this;
    }
}
