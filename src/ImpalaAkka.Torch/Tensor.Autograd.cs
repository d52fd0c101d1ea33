namespace ImpalaAkka.Torch;

public sealed partial class Tensor
{
    public bool RequiresGrad
    {
        get => Check.Status(NativeMethods.ia_tensor_requires_grad(handle)) != 0;
        set => Check.Status(NativeMethods.ia_tensor_set_requires_grad(handle, value ? 1 : 0));
    }

    /// <summary>Back-propagates from this (scalar) tensor into the gradients of its leaves.</summary>
    public void Backward() => Check.Status(NativeMethods.ia_tensor_backward(handle));

    /// <summary>The accumulated gradient, or null when none has been computed. A new handle sharing the gradient's storage.</summary>
    public Tensor? Grad
    {
        get
        {
            var raw = Check.OptionalHandle(NativeMethods.ia_tensor_grad(handle));
            return raw == IntPtr.Zero ? null : Wrap(raw);
        }
    }

    /// <summary>Drops the accumulated gradient (PyTorch's zero_grad(set_to_none=True)).</summary>
    public void ClearGrad() => Check.Status(NativeMethods.ia_tensor_clear_grad(handle));

    /// <summary>The same data, cut from the autograd graph.</summary>
    public Tensor Detach() => Wrap(NativeMethods.ia_tensor_detach(handle));
}
