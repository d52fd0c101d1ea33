namespace ImpalaAkka.Torch;

/// <summary>Neural-network primitives that map to one libtorch kernel each.</summary>
public static class Functional
{
    /// <summary>input @ weight^T + bias; input [..., in], weight [out, in], bias [out].</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        var added = false;
        try
        {
            var b = Tensor.AddRef(bias, ref added);
            return Tensor.Wrap(NativeMethods.ia_nn_linear(input.Handle, weight.Handle, b));
        }
        finally
        {
            Tensor.Release(bias, added);
        }
    }

    /// <summary>2-D convolution; input [N, C, H, W], weight [out, C, kh, kw], bias [out].</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0)
    {
        var added = false;
        try
        {
            var b = Tensor.AddRef(bias, ref added);
            return Tensor.Wrap(NativeMethods.ia_nn_conv2d(input.Handle, weight.Handle, b, stride, stride, padding, padding));
        }
        finally
        {
            Tensor.Release(bias, added);
        }
    }
}
