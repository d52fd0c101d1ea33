namespace ImpalaAkka.Torch.Optim;

/// <summary>
/// Updates a fixed list of parameters from their gradients. State tensors (per parameter) are
/// named <c>{index}.{slot}</c> and, with <see cref="StepCount"/>, make up <see cref="StateDict"/>
/// so a checkpoint can resume the optimizer exactly.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private readonly List<Dictionary<string, Tensor>> state;

    protected Optimizer(IReadOnlyList<Tensor> parameters, double learningRate)
    {
        if (learningRate < 0 || !double.IsFinite(learningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be finite and >= 0");
        }
        Parameters = parameters;
        LearningRate = learningRate;
        state = parameters.Select(_ => new Dictionary<string, Tensor>()).ToList();
    }

    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The rate the next <see cref="Step"/> uses; schedules set it before each step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Number of completed steps.</summary>
    public long StepCount { get; private set; }

    /// <summary>Applies one update from the current gradients; parameters without a gradient are left alone.</summary>
    public void Step()
    {
        using var noGrad = Libtorch.NoGrad();
        StepCount++;
        for (var i = 0; i < Parameters.Count; i++)
        {
            using var scope = DisposeScope.Begin();
            var grad = Parameters[i].Grad;
            if (grad is not null)
            {
                Update(Parameters[i], grad, i);
            }
        }
    }

    /// <summary>Drops every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in Parameters)
        {
            parameter.ClearGrad();
        }
    }

    /// <summary>Updates one parameter in place; runs without grad inside a dispose scope.</summary>
    protected abstract void Update(Tensor parameter, Tensor grad, int index);

    /// <summary>The named state slot of parameter <paramref name="index"/>, created by <paramref name="create"/> on first use.</summary>
    protected Tensor Slot(int index, string name, Func<Tensor> create)
    {
        if (!state[index].TryGetValue(name, out var tensor))
        {
            tensor = DisposeScope.Detach(create());
            state[index][name] = tensor;
        }
        return tensor;
    }

    /// <summary>The optimizer's state as named tensors (views of the live state, plus the step count).</summary>
    public StateDict StateDict()
    {
        var result = new StateDict();
        for (var i = 0; i < state.Count; i++)
        {
            foreach (var (slot, tensor) in state[i].OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                result.Add($"{i}.{slot}", tensor);
            }
        }
        return result;
    }

    /// <summary>A one-element int64 tensor holding <see cref="StepCount"/>, for checkpoints; the caller disposes it.</summary>
    public Tensor StepCountTensor() => DisposeScope.Detach(Tensor.From<long>([StepCount], []));

    /// <summary>Restores state saved from an optimizer of the same kind over parameters of the same shapes (checked before anything changes).</summary>
    public void LoadStateDict(StateDict saved, long stepCount, string source = "optimizer state")
    {
        var parsed = CheckStateDict(saved, source);
        using var noGrad = Libtorch.NoGrad();
        foreach (var (index, slot, value) in parsed)
        {
            Slot(index, slot, () => Tensor.Zeros(value.Shape, value.DType, value.Device)).CopyFromInPlace(value);
        }
        StepCount = stepCount;
    }

    /// <summary>Throws <see cref="StateDictException"/> unless every entry names a parameter of this optimizer with its shape.</summary>
    public List<(int Index, string Slot, Tensor Value)> CheckStateDict(StateDict saved, string source = "optimizer state")
    {
        var parsed = new List<(int Index, string Slot, Tensor Value)>();
        foreach (var (name, value) in saved.Entries)
        {
            var dot = name.IndexOf('.');
            if (dot <= 0 || !int.TryParse(name.AsSpan(0, dot), out var index) || index < 0 || index >= Parameters.Count)
            {
                throw new StateDictException($"{source}: entry '{name}' does not name a parameter of this optimizer");
            }
            if (!value.Shape.SequenceEqual(Parameters[index].Shape))
            {
                throw new StateDictException(
                    $"{source}: entry '{name}' is [{string.Join(", ", value.Shape.ToArray())}], parameter {index} is [{string.Join(", ", Parameters[index].Shape.ToArray())}]");
            }
            parsed.Add((index, name[(dot + 1)..], value));
        }
        return parsed;
    }

    public void Dispose()
    {
        foreach (var slots in state)
        {
            foreach (var tensor in slots.Values)
            {
                tensor.Dispose();
            }
            slots.Clear();
        }
        GC.SuppressFinalize(this);
    }
}
