namespace ImpalaAkka.Torch.Modules;

/// <summary>Flattens every dimension from <c>startDim</c> on; [N, C, H, W] -> [N, C*H*W] by default.</summary>
public sealed class Flatten(long startDim = 1) : Layer
{
    public override Tensor Forward(Tensor input) => input.Flatten(startDim);
}
