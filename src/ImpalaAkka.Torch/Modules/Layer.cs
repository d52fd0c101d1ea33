namespace ImpalaAkka.Torch.Modules;

/// <summary>A module with one tensor in and one tensor out, so it can be chained in a <see cref="Sequential"/>.</summary>
public abstract class Layer : Module
{
    public abstract Tensor Forward(Tensor input);
}
