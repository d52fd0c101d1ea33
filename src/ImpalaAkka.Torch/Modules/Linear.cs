namespace ImpalaAkka.Torch.Modules;

/// <summary>y = x W^T + b; x [..., in] -> y [..., out]. Initialised as PyTorch does: U(-1/sqrt(in), 1/sqrt(in)).</summary>
public sealed class Linear : Layer
{
    public Linear(long inFeatures, long outFeatures, bool bias = true)
    {
        var bound = 1.0 / Math.Sqrt(inFeatures);
        Weight = RegisterParameter("weight", UniformParameter([outFeatures, inFeatures], bound));
        Bias = bias ? RegisterParameter("bias", UniformParameter([outFeatures], bound)) : null;
    }

    public Tensor Weight { get; }

    public Tensor? Bias { get; }

    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);
}
