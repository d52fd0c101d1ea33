namespace ImpalaAkka.Torch.Modules;

/// <summary>
/// Square-kernel 2-D convolution; [N, in, H, W] -> [N, out, H', W'].
/// Initialised as PyTorch does: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = in * k * k.
/// </summary>
public sealed class Conv2d : Layer
{
    private readonly int stride;
    private readonly int padding;

    public Conv2d(long inChannels, long outChannels, long kernelSize, int stride = 1, int padding = 0, bool bias = true)
    {
        this.stride = stride;
        this.padding = padding;
        var bound = 1.0 / Math.Sqrt(inChannels * kernelSize * kernelSize);
        Weight = RegisterParameter("weight", UniformParameter([outChannels, inChannels, kernelSize, kernelSize], bound));
        Bias = bias ? RegisterParameter("bias", UniformParameter([outChannels], bound)) : null;
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, stride, padding);
}
