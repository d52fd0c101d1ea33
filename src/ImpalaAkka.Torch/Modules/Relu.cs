namespace ImpalaAkka.Torch.Modules;

public sealed class Relu : Layer
{
    public override Tensor Forward(Tensor input) => input.Relu();
}
