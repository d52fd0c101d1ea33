namespace ImpalaAkka.Torch;

/// <summary>
/// Collects every tensor created on this thread while it is the innermost scope and disposes them
/// when it ends, except those moved out with <see cref="MoveToOuter"/> or <see cref="Detach"/>.
/// Scopes nest and must end in reverse order of their beginning.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private bool ended;

    private DisposeScope(DisposeScope? outer) => this.outer = outer;

    /// <summary>The innermost scope on this thread, or null.</summary>
    public static DisposeScope? Current => current;

    public static DisposeScope Begin() => current = new DisposeScope(current);

    /// <summary>Number of tensors this scope will dispose.</summary>
    public int Count => owned.Count;

    /// <summary>Hands <paramref name="tensor"/> to the enclosing scope (or to nobody) and returns it.</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        if (tensor.Owner == this)
        {
            owned.Remove(tensor);
            tensor.Owner = null;
            outer?.Register(tensor);
        }
        return tensor;
    }

    /// <summary>Removes <paramref name="tensor"/> from whichever scope owns it; the caller now disposes it.</summary>
    public static Tensor Detach(Tensor tensor)
    {
        if (tensor.Owner is { } scope)
        {
            scope.owned.Remove(tensor);
            tensor.Owner = null;
        }
        return tensor;
    }

    internal void Register(Tensor tensor)
    {
        owned.Add(tensor);
        tensor.Owner = this;
    }

    public void Dispose()
    {
        if (ended)
        {
            return;
        }
        if (current != this)
        {
            throw new InvalidOperationException("DisposeScope ended out of order (or on another thread)");
        }
        ended = true;
        current = outer;
        foreach (var tensor in owned)
        {
            tensor.Owner = null;
            tensor.Dispose();
        }
        owned.Clear();
    }
}
