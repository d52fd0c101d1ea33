using ImpalaAkka.Impala.Model;

namespace ImpalaAkka.Impala.Tests.Model;

/// <summary>
/// learner.onednn switches a process-wide libtorch flag, and kernels running on other threads see
/// it at once, so this runs alone (in the collection that disables parallelization).
/// </summary>
[Collection(nameof(Training.LeakTests))]
public sealed class OneDnnSwitchTests
{
    [Fact]
    public void Configure_OneDnnFalseThenTrue_LibtorchReportsEach()
    {
        try
        {
            TorchRuntime.Configure(1, oneDnn: false);
            Assert.False(TorchRuntime.OneDnnEnabled);
            TorchRuntime.Configure(1, oneDnn: true);
            Assert.True(TorchRuntime.OneDnnEnabled);
        }
        finally
        {
            TorchRuntime.Configure(1);
        }
    }
}
