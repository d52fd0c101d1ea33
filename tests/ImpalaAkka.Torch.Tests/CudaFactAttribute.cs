namespace ImpalaAkka.Torch.Tests;

/// <summary>A fact that needs a CUDA device; skipped, saying so, only when libtorch sees none.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!Libtorch.CudaAvailable)
        {
            Skip = $"no CUDA device visible to libtorch {Libtorch.Version} on this machine";
        }
    }
}
