namespace ImpalaAkka.Torch.Modules;

/// <summary>
/// A container of named parameters and named child modules. Parameter names are dotted paths
/// (<c>core.weight_ih</c>) in registration order, which is the order of <see cref="NamedParameters"/>,
/// of optimizer state and of state-dict files. A module owns and disposes its parameters.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> parameters = [];
    private readonly List<KeyValuePair<string, Module>> children = [];
    private bool disposed;

    /// <summary>Every parameter of this module and its children, with its dotted name.</summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters()
    {
        foreach (var parameter in parameters)
        {
            yield return parameter;
        }
        foreach (var (prefix, child) in children)
        {
            foreach (var (name, tensor) in child.NamedParameters())
            {
                yield return new(prefix + "." + name, tensor);
            }
        }
    }

    public IReadOnlyList<Tensor> Parameters() => NamedParameters().Select(p => p.Value).ToList();

    public long ParameterCount() => Parameters().Sum(p => p.NumElements);

    /// <summary>Drops every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters())
        {
            parameter.ClearGrad();
        }
    }

    /// <summary>Copies values from <paramref name="state"/>; names, shapes and dtypes must match exactly (checked before anything is copied).</summary>
    public void LoadStateDict(StateDict state, string source = "state dict")
    {
        CheckStateDict(state, source);
        using var noGrad = Libtorch.NoGrad();
        foreach (var (name, target) in NamedParameters())
        {
            target.CopyFromInPlace(state[name]);
        }
    }

    /// <summary>Throws <see cref="StateDictException"/> unless <paramref name="state"/> has exactly this module's parameter names, shapes and dtypes.</summary>
    public void CheckStateDict(StateDict state, string source = "state dict")
    {
        var own = NamedParameters().ToList();
        var missing = own.Select(p => p.Key).Where(name => !state.Contains(name)).ToList();
        var unexpected = state.Names.Where(name => own.All(p => p.Key != name)).ToList();
        if (missing.Count > 0 || unexpected.Count > 0)
        {
            throw new StateDictException(
                $"{source}: parameters do not match the model (missing: [{string.Join(", ", missing)}]; unexpected: [{string.Join(", ", unexpected)}])");
        }
        foreach (var (name, target) in own)
        {
            var value = state[name];
            if (!value.Shape.SequenceEqual(target.Shape) || value.DType != target.DType)
            {
                throw new StateDictException(
                    $"{source}: parameter '{name}' is [{string.Join(", ", value.Shape.ToArray())}] {value.DType}, model expects [{string.Join(", ", target.Shape.ToArray())}] {target.DType}");
            }
        }
    }

    /// <summary>Copies every parameter value from <paramref name="source"/>, a module of the same structure.</summary>
    public void CopyParametersFrom(Module source)
    {
        using var noGrad = Libtorch.NoGrad();
        var from = source.NamedParameters().ToList();
        var to = NamedParameters().ToList();
        if (from.Count != to.Count)
        {
            throw new ArgumentException($"source has {from.Count} parameters, this module {to.Count}", nameof(source));
        }
        for (var i = 0; i < to.Count; i++)
        {
            to[i].Value.CopyFromInPlace(from[i].Value);
        }
    }

    /// <summary>Registers a parameter: it requires grad and is owned by this module (never by a DisposeScope).</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        ValidateName(name);
        DisposeScope.Detach(tensor);
        tensor.RequiresGrad = true;
        parameters.Add(new(name, tensor));
        return tensor;
    }

    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ValidateName(name);
        children.Add(new(name, module));
        return module;
    }

    /// <summary>A [shape] float32 tensor drawn from U(-bound, bound) with libtorch's global generator.</summary>
    protected static Tensor UniformParameter(ReadOnlySpan<long> shape, double bound)
    {
        var tensor = DisposeScope.Detach(Tensor.Zeros(shape));
        tensor.UniformInPlace(-bound, bound);
        return tensor;
    }

    private void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
        {
            throw new ArgumentException($"invalid module or parameter name '{name}'", nameof(name));
        }
        if (parameters.Any(p => p.Key == name) || children.Any(c => c.Key == name))
        {
            throw new ArgumentException($"'{name}' is registered twice", nameof(name));
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        foreach (var parameter in parameters)
        {
            parameter.Value.Dispose();
        }
        foreach (var child in children)
        {
            child.Value.Dispose();
        }
        GC.SuppressFinalize(this);
    }
}
