using ImpalaAkka.Environments;
using ImpalaAkka.Impala.Settings;

namespace ImpalaAkka.Impala.Model;

/// <summary>
/// The parameter names and shapes <see cref="ActorCriticNet"/> builds for a model and an
/// environment, computed in C# so that sizes are checked before libtorch sees any of them.
/// </summary>
public static class ModelShapes
{
    /// <summary>The largest model accepted: 50 million parameters (200 MB of float32), far above any shipped config.</summary>
    public const long MaxParameters = 50_000_000;

    /// <summary>Parameter names and shapes in registration order (torso, core, policy, baseline), as libtorch names them.</summary>
    public static IReadOnlyList<(string Name, long[] Shape)> Of(ModelSettings model, EnvironmentSpec spec)
    {
        var shapes = new List<(string, long[])>();
        long width;
        if (NeedsGrid(model.Kind))
        {
            if (spec.ObservationShape.Length != 3)
            {
                throw new ArgumentException($"model.kind = {model.Kind.ToConfigName()} needs [C, H, W] observations; {spec.Name} has [{string.Join(", ", spec.ObservationShape)}]");
            }
            var (c, h, w) = ((long)spec.ObservationShape[0], (long)spec.ObservationShape[1], (long)spec.ObservationShape[2]);
            if (model.Kind == ModelKind.Conv)
            {
                // Sequential: Conv2d 0, ReLU 1, Flatten 2, Linear 3, ReLU 4.
                shapes.Add(("torso.0.weight", [model.ConvChannels, c, 3, 3]));
                shapes.Add(("torso.0.bias", [model.ConvChannels]));
                shapes.Add(("torso.3.weight", [model.Fc, checked(model.ConvChannels * h * w)]));
                shapes.Add(("torso.3.bias", [model.Fc]));
                width = model.Fc;
            }
            else
            {
                if (model.ShallowChannels.Count != 2)
                {
                    throw new ArgumentException($"model.shallow-channels needs two values (one per convolution), got {model.ShallowChannels.Count}");
                }
                // Sequential: Conv2d 0, ReLU 1, Conv2d 2, ReLU 3, Flatten 4, Linear 5, ReLU 6.
                long c1 = model.ShallowChannels[0], c2 = model.ShallowChannels[1];
                shapes.Add(("torso.0.weight", [c1, c, 3, 3]));
                shapes.Add(("torso.0.bias", [c1]));
                shapes.Add(("torso.2.weight", [c2, c1, 3, 3]));
                shapes.Add(("torso.2.bias", [c2]));
                shapes.Add(("torso.5.weight", [model.ShallowFc, checked(c2 * h * w)]));
                shapes.Add(("torso.5.bias", [model.ShallowFc]));
                width = model.ShallowFc;
            }
        }
        else
        {
            width = spec.ObservationSize;
            for (var i = 0; i < model.Hidden.Count; i++)
            {
                // Sequential index: Flatten is 0, then Linear/ReLU pairs.
                shapes.Add(($"torso.{1 + 2 * i}.weight", [model.Hidden[i], width]));
                shapes.Add(($"torso.{1 + 2 * i}.bias", [model.Hidden[i]]));
                width = model.Hidden[i];
            }
        }
        if (model.Lstm)
        {
            long gates = 4L * model.LstmSize;
            shapes.Add(("core.weight_ih", [gates, width]));
            shapes.Add(("core.weight_hh", [gates, model.LstmSize]));
            shapes.Add(("core.bias_ih", [gates]));
            shapes.Add(("core.bias_hh", [gates]));
            width = model.LstmSize;
        }
        shapes.Add(("policy.weight", [spec.ActionCount, width]));
        shapes.Add(("policy.bias", [spec.ActionCount]));
        shapes.Add(("baseline.weight", [1, width]));
        shapes.Add(("baseline.bias", [1]));
        return shapes;
    }

    /// <summary>Whether the kind's torso convolves [C, H, W] observations.</summary>
    public static bool NeedsGrid(ModelKind kind) => kind is ModelKind.Conv or ModelKind.Shallow;

    /// <summary>Total number of parameters (checked arithmetic).</summary>
    public static long ParameterCount(ModelSettings model, EnvironmentSpec spec) =>
        Of(model, spec).Sum(p => p.Shape.Aggregate(1L, (a, d) => checked(a * d)));

    /// <summary>Throws <see cref="ArgumentException"/> naming the reason when the model cannot be built for this environment.</summary>
    public static void Check(ModelSettings model, EnvironmentSpec spec)
    {
        long count;
        try
        {
            count = ParameterCount(model, spec);
        }
        catch (OverflowException)
        {
            throw new ArgumentException("the model's parameter count overflows 64 bits");
        }
        if (count > MaxParameters)
        {
            throw new ArgumentException($"the model has {count:N0} parameters, more than the limit of {MaxParameters:N0}");
        }
    }
}
