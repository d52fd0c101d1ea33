namespace ImpalaAkka.Torch.Optim;

public static class GradientClipping
{
    /// <summary>
    /// Scales all gradients together so their global L2 norm is at most <paramref name="maxNorm"/>
    /// (scale = maxNorm / (norm + 1e-6) when norm exceeds it). Returns the norm before clipping.
    /// </summary>
    public static double ClipGlobalNorm(IEnumerable<Tensor> parameters, double maxNorm)
    {
        if (maxNorm <= 0) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "max norm must be > 0");
        using var noGrad = Libtorch.NoGrad();
        using var scope = DisposeScope.Begin();
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToList();
        if (grads.Count == 0)
        {
            return 0;
        }
        var squares = grads.Select(g => g.Square().Sum()).ToList();
        var norm = Math.Sqrt(Tensor.Stack(squares).Sum().Item());
        if (norm > maxNorm)
        {
            var scale = maxNorm / (norm + 1e-6);
            foreach (var grad in grads)
            {
                grad.MulInPlace(scale);
            }
        }
        return norm;
    }
}
