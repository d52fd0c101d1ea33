using ImpalaAkka.Torch.Modules;

namespace ImpalaAkka.Torch.Tests;

public sealed class DeviceTests
{
    [Theory]
    [InlineData("cpu", DeviceType.Cpu, 0)]
    [InlineData("CUDA", DeviceType.Cuda, 0)]
    [InlineData("cuda:1", DeviceType.Cuda, 1)]
    public void Parse_ValidNames(string text, DeviceType type, int index)
    {
        Assert.Equal(new Device(type, index), Device.Parse(text));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void Parse_InvalidName_ThrowsNamingIt(string text)
    {
        Assert.Contains($"'{text}'", Assert.Throws<FormatException>(() => Device.Parse(text)).Message);
    }

    [Fact]
    public void To_CudaWithoutGpu_ThrowsTorchException_OrMovesWithGpu()
    {
        using var t = Tensor.Zeros([2]);
        if (Libtorch.CudaAvailable)
        {
            using var moved = t.To(new Device(DeviceType.Cuda));
            Assert.Equal(DeviceType.Cuda, moved.Device.Type);
        }
        else
        {
            Assert.Throws<TorchException>(() => t.To(new Device(DeviceType.Cuda)));
        }
    }

    [CudaFact]
    public void Cuda_TrainingStepRunsOnGpu_AndMatchesCpu()
    {
        var cuda = new Device(DeviceType.Cuda);
        Libtorch.ManualSeed(9);
        using var cpuNet = new Linear(3, 2);
        using var scope = DisposeScope.Begin();
        var x = Tensor.Rand([4, 3]);
        var cpuOut = cpuNet.Forward(x).ToArray<float>();
        var gpuOut = Functional.Linear(x.To(cuda), cpuNet.Weight.To(cuda), cpuNet.Bias!.To(cuda));
        Assert.Equal(DeviceType.Cuda, gpuOut.Device.Type);
        TensorTests.AssertClose(cpuOut.Select(v => (double)v), gpuOut.ToArray<float>().Select(v => (double)v), 1e-5);
    }
}
