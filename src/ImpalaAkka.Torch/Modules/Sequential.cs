namespace ImpalaAkka.Torch.Modules;

/// <summary>Layers applied in order; parameters are named by position (<c>0.weight</c>, <c>2.bias</c>).</summary>
public sealed class Sequential : Layer
{
    private readonly List<Layer> layers = [];

    public Sequential(params Layer[] layers)
    {
        foreach (var layer in layers)
        {
            this.layers.Add(RegisterModule(this.layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
        }
    }

    public IReadOnlyList<Layer> Layers => layers;

    /// <summary>Runs the layers in order; intermediate results are disposed as soon as the next layer has used them.</summary>
    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            var next = layer.Forward(x);
            if (!ReferenceEquals(x, input))
            {
                x.Dispose();
            }
            x = next;
        }
        return ReferenceEquals(x, input) ? input.Clone() : x;
    }
}
