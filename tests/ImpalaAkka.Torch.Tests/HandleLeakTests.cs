using ImpalaAkka.Torch.Modules;
using ImpalaAkka.Torch.Optim;

namespace ImpalaAkka.Torch.Tests;

/// <summary>Runs alone: the live-handle count is process-wide, so no other test may create tensors meanwhile.</summary>
[CollectionDefinition(nameof(HandleLeakTests), DisableParallelization = true)]
public sealed class HandleLeakCollection;

[Collection(nameof(HandleLeakTests))]
public sealed class HandleLeakTests
{
    [Fact]
    public void ThousandTrainingSteps_ReturnLiveHandleCountToBaseline()
    {
        var baseline = Libtorch.LiveTensors;
        Libtorch.ManualSeed(5);
        using (var net = new Sequential(new Linear(4, 32), new Relu(), new Linear(32, 2)))
        using (var optimizer = new RmsProp(net.Parameters(), learningRate: 1e-3, momentum: 0.1))
        {
            var afterSetup = Libtorch.LiveTensors;
            double firstLoss = 0, lastLoss = 0;
            for (var step = 0; step < 1000; step++)
            {
                using var scope = DisposeScope.Begin();
                var x = Tensor.Rand([16, 4]);
                var target = x.Sum(1, keepDim: true).Expand(16, 2);
                var loss = (net.Forward(x) - target).Square().Mean();
                optimizer.ZeroGrad();
                loss.Backward();
                GradientClipping.ClipGlobalNorm(net.Parameters(), 40);
                optimizer.Step();
                var value = loss.Item();
                if (step == 0) firstLoss = value;
                lastLoss = value;
            }
            Assert.True(lastLoss < firstLoss, $"loss did not fall: {firstLoss} -> {lastLoss}");
            // Optimizer state (2 slots x 4 parameters) is the only growth during training.
            Assert.Equal(afterSetup + 8, Libtorch.LiveTensors);
        }
        Assert.Equal(baseline, Libtorch.LiveTensors);
    }

    [Fact]
    public void FailedCall_LeaksNoHandle()
    {
        var baseline = Libtorch.LiveTensors;
        using (var a = Tensor.Zeros([2]))
        using (var b = Tensor.Zeros([3]))
        {
            for (var i = 0; i < 100; i++)
            {
                Assert.Throws<TorchException>(() => a.Add(b));
            }
        }
        Assert.Equal(baseline, Libtorch.LiveTensors);
    }
}
